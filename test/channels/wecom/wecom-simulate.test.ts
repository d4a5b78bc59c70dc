import { afterEach, describe, expect, it } from 'vitest';
import type { SimulatedOutput } from '../../../src/channels/simulate-channel';
import { renderText } from '../../../src/core/render-text';
import { loadRoster } from '../../../src/org/roster';
import { t } from '../../../src/prompts';
import type { TemplateCard } from '@wecom/aibot-node-sdk';
import type { WecomSent } from '../../helpers/fake-wecom';
import { scriptFrom } from '../../helpers/script';
import { simulate, type ScriptLine } from '../../helpers/simulate';
import { CARD_BUTTONS_LINE, mentionedUserIds, shownLines, wecomHarness, type WecomHarness } from '../../helpers/wecom-harness';

const roster = loadRoster('data/org.yaml');
const GROUP = roster.mainGroup.identities.wecom!.chatid;
let h: WecomHarness | undefined;
afterEach(async () => {
  await h?.stop();
  await h?.fake.close();
  h = undefined;
});

/** Plays a simulate script on the bot over WeCom: clock lines run the jobs, messages are pushed as WeCom callbacks. */
async function playOnWecom(lines: ScriptLine[]): Promise<WecomSent[]> {
  h = await wecomHarness({ start: new Date(lines[0]!.at) });
  for (const line of lines) {
    await h.advanceTo(line.at);
    if (line.text === undefined) continue;
    if (line.chat === 'group') await h.group(line.from!, line.text);
    else await h.dm(line.from!, line.text);
  }
  return h.fake.sent;
}

/** Where a WeCom message went, in simulate's words: "group" or "dm:<roster id>". */
function wecomChat(m: WecomSent): string {
  if (m.chatid === GROUP) return 'group';
  const person = m.chatid ? roster.identifyPerson('wecom', m.chatid) : undefined;
  return person ? `dm:${person.id}` : `chat:${m.chatid}`;
}

/**
 * A WeCom message as the lines a text-only reader gets of the same content (renderText): markdown
 * as it is; a button card as its title, text and the numbered replies its buttons stand for — only
 * the numbered replies when the card follows its own text, sent before it as markdown.
 */
function readLines(m: WecomSent): string[] {
  if (m.body['msgtype'] !== 'template_card') return shownLines(m);
  const card = m.body['template_card'] as TemplateCard;
  const numbered = t('card.reply_with_number', { buttons: (card.button_list ?? []).map((b, i) => `${i + 1}. ${b.text}`).join('  ') });
  if (card.sub_title_text === CARD_BUTTONS_LINE) return [numbered];
  return [`【${card.main_title?.title}】`, ...(card.sub_title_text?.split('\n') ?? []), numbered];
}

/**
 * Each chat's conversation: every line read there in order (WeCom may cut a long text in two),
 * and whom each message that @-mentions anyone @-mentions (of those WeCom can notify).
 */
function conversation(messages: Array<{ chat: string; mentions: string[]; lines: string[] }>, chats: Set<string>) {
  const byChat: Record<string, { lines: string[]; mentions: string[] }> = {};
  for (const { chat, mentions, lines } of messages) {
    if (!chats.has(chat)) continue;
    const entry = (byChat[chat] ??= { lines: [], mentions: [] });
    entry.lines.push(...lines);
    const notified = mentions.filter((id) => roster.person(id)?.identities.wecom?.userid).sort();
    if (notified.length > 0) entry.mentions.push(notified.join(' '));
  }
  return byChat;
}

/** The chats WeCom reaches: the group, and the direct chats of people with a userid. */
const reachable = new Set(['group', ...roster.people.filter((p) => p.identities.wecom?.userid).map((p) => `dm:${p.id}`)]);

describe('the same scenario on simulate and on WeCom', () => {
  it('a week of 王芳 asking, filling in 双公示 and being reminded reads the same to everyone WeCom reaches', async () => {
    // The scenario of the Lark comparison (test/channels/lark/lark-simulate.test.ts).
    const s = scriptFrom('2026-11-18T09:00:00+08:00')
      .group('wang-fang', '@信用助手 双公示信息要在多少天内上传？')
      .group('wang-fang', '填报 双公示')
      .dm('wang-fang', '１２０', '一百二十', '一百一十五', '118', '2', '两', '跳过', '确认')
      .group('xu-wenbo', '进度')
      .at('2026-11-19T12:00:00+08:00')
      .dm('lin-xiaoyan', '我是谁');

    const simulated: SimulatedOutput[] = (await simulate(s.lines)).filter((o) => o.update === undefined);
    const onWecom = await playOnWecom(s.lines);

    const simulateSide = conversation(simulated.map((o) => ({ chat: o.chat, mentions: o.mentions, lines: (o.card ? renderText({ card: o.card }) : o.text).split('\n') })), reachable);
    // Only WeCom has people it cannot reach (the sample roster gives some no account); the admins'
    // notices of them are the one thing simulate cannot show.
    const undeliverable = t('delivery.title', { who: '' });
    const wecomSide = conversation(
      onWecom
        .map((m) => ({ chat: wecomChat(m), mentions: mentionedUserIds(m).map((userId) => roster.identifyPerson('wecom', userId)?.id ?? userId), lines: readLines(m) }))
        .filter((m) => !m.lines.some((line) => line.startsWith(undeliverable))),
      reachable,
    );
    expect(onWecom.some((m) => shownLines(m).some((line) => line.startsWith(undeliverable)))).toBe(true);
    expect(Object.keys(wecomSide).length).toBeGreaterThan(3);
    expect(wecomSide).toEqual(simulateSide);
  });
});

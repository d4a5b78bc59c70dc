import { afterEach, describe, expect, it } from 'vitest';
import type { SimulatedOutput } from '../../../src/channels/simulate-channel';
import { loadRoster } from '../../../src/org/roster';
import { t } from '../../../src/prompts';
import type { Card } from '../../../src/model/message';
import type { SentMessage } from '../../helpers/fake-feishu';
import { atOpenIds, larkHarness, shownLines, type LarkHarness } from '../../helpers/lark-harness';
import { scriptFrom } from '../../helpers/script';
import { simulate, type ScriptLine } from '../../helpers/simulate';

const roster = loadRoster('data/org.yaml');
const GROUP = roster.mainGroup.identities.lark!.chat_id!;
let h: LarkHarness | undefined;
afterEach(async () => {
  await h?.stop();
  await h?.fake.close();
  h = undefined;
});

/** Plays a simulate script on the bot over Lark: clock lines run the jobs, messages are pushed as Feishu events. */
async function playOnLark(lines: ScriptLine[]): Promise<SentMessage[]> {
  h = await larkHarness({ start: new Date(lines[0]!.at) });
  for (const line of lines) {
    await h.advanceTo(line.at);
    if (line.text === undefined) continue;
    if (line.chat === 'group') await h.group(line.from!, line.text, line.id ? { id: line.id } : {});
    else await h.dm(line.from!, line.text, line.id ? { id: line.id } : {});
  }
  return h.fake.sent;
}

/** Where a Lark message went, in simulate's words: "group" or "dm:<roster id>". */
function larkChat(m: SentMessage): string {
  if (m.receiveIdType === 'chat_id' && m.receiveId === GROUP) return 'group';
  const person = m.receiveIdType === 'open_id' ? roster.identifyPerson('lark', m.receiveId) : undefined;
  return person ? `dm:${person.id}` : `${m.receiveIdType}:${m.receiveId}`;
}

/** A simulate card as the same plain lines `shownLines` makes of a Lark card. */
function cardLines(card: Card): string[] {
  const table = card.table ? [card.table.header.join('｜'), ...card.table.rows.map((r) => r.join('｜'))] : [];
  return [card.title, ...(card.lines ?? []), ...table, ...(card.footer ?? []), ...(card.buttons ?? []).map((b) => `[${b.label}]`)];
}

/** Who received what, message by message: whom it @-mentions (of those Feishu can notify), then its plain lines. */
function conversation(messages: Array<{ chat: string; mentions: string[]; lines: string[] }>, chats: Set<string>): Record<string, string[]> {
  const byChat: Record<string, string[]> = {};
  for (const { chat, mentions, lines } of messages) {
    const notified = mentions.filter((id) => roster.person(id)?.identities.lark?.open_id).sort();
    if (chats.has(chat)) (byChat[chat] ??= []).push([`@${notified.join(' @')}`, ...lines].join('\n'));
  }
  return byChat;
}

/** The chats Lark can reach: the group, and the direct chats of people with an open_id. */
const reachable = new Set(['group', ...roster.people.filter((p) => p.identities.lark?.open_id).map((p) => `dm:${p.id}`)]);

describe('the same scenario on simulate and on Lark', () => {
  it('a week of 王芳 asking, filling in 双公示 and being reminded reads the same to everyone Lark reaches', async () => {
    // The scenario of test/flows/submission-form.test.ts, with a question and the reminders of the 19th around it.
    const s = scriptFrom('2026-11-18T09:00:00+08:00')
      .group('wang-fang', '@信用助手 双公示信息要在多少天内上传？')
      .group('wang-fang', '填报 双公示')
      .dm('wang-fang', '１２０', '一百二十', '一百一十五', '118', '2', '两', '跳过', '确认')
      .group('xu-wenbo', '进度')
      .at('2026-11-19T12:00:00+08:00')
      .dm('lin-xiaoyan', '我是谁');

    const simulated: SimulatedOutput[] = (await simulate(s.lines)).filter((o) => o.update === undefined);
    const onLark = await playOnLark(s.lines);

    const simulateSide = conversation(simulated.map((o) => ({ chat: o.chat, mentions: o.mentions, lines: o.card ? cardLines(o.card) : o.text.split('\n') })), reachable);
    // Only Lark has people it cannot reach (the sample roster gives some no account), and the admins
    // are told of each once: those notices are the one thing simulate cannot show.
    const undeliverable = t('delivery.title', { who: '' });
    const larkSide = conversation(
      onLark
        .map((m) => ({ chat: larkChat(m), mentions: atOpenIds(m).map((openId) => roster.identifyPerson('lark', openId)?.id ?? openId), lines: shownLines(m) }))
        .filter((m) => !m.lines.some((line) => line.startsWith(undeliverable))),
      reachable,
    );
    expect(onLark.some((m) => shownLines(m).some((line) => line.startsWith(undeliverable)))).toBe(true);
    expect(Object.keys(larkSide).length).toBeGreaterThan(3);
    expect(larkSide).toEqual(simulateSide);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { SimulatedOutput } from '../../../src/channels/simulate-channel';
import { loadRoster } from '../../../src/org/roster';
import { t } from '../../../src/prompts';
import { scriptFrom } from '../../helpers/script';
import { simulate, type ScriptLine } from '../../helpers/simulate';
import { wechatHarness, type WechatHarness, type WechatSent } from '../../helpers/wechat-harness';

const roster = loadRoster('data/org.yaml');
let h: WechatHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** Plays a simulate script on the bot over WeChat: clock lines run the jobs, messages come from the mock's contacts. */
async function playOnWechat(lines: ScriptLine[]): Promise<WechatSent[]> {
  h = await wechatHarness({ start: new Date(lines[0]!.at) });
  for (const line of lines) {
    await h.advanceTo(line.at);
    if (line.text === undefined) continue;
    if (line.chat === 'group') await h.group(line.from!, line.text, line.id ? { id: line.id } : {});
    else await h.dm(line.from!, line.text, line.id ? { id: line.id } : {});
  }
  return h.sent;
}

/** WeChat names in front of a message ("@王芳 @思远 …"), as room.say writes them, read back as roster ids. */
function splitMentions(text: string): { mentions: string[]; lines: string[] } {
  const names = /^((?:@\S+\u2005)*@\S+ )/.exec(text)?.[1] ?? '';
  const mentions = names
    .trim()
    .split('\u2005')
    .filter(Boolean)
    .map((at) => roster.identifyPerson('wechat', at.slice(1))?.id ?? at);
  return { mentions, lines: text.slice(names.length).split('\n') };
}

/** Who received what, message by message: whom it @-mentions (of those WeChat can reach), then its lines. */
function conversation(messages: Array<{ chat: string; mentions: string[]; lines: string[] }>, chats: Set<string>): Record<string, string[]> {
  const byChat: Record<string, string[]> = {};
  for (const { chat, mentions, lines } of messages) {
    const notified = mentions.filter((id) => roster.person(id)?.identities.wechat).sort();
    if (chats.has(chat)) (byChat[chat] ??= []).push([`@${notified.join(' @')}`, ...lines].join('\n'));
  }
  return byChat;
}

/** The chats WeChat reaches: the group, and the direct chats of people with a WeChat identity. */
const reachable = new Set(['group', ...roster.people.filter((p) => p.identities.wechat).map((p) => `dm:${p.id}`)]);

describe('the same scenario on simulate and on WeChat', () => {
  it('a week of 王芳 asking, filling in 双公示 and being reminded reads the same to everyone WeChat reaches', async () => {
    // The scenario of test/channels/lark/lark-simulate.test.ts.
    const s = scriptFrom('2026-11-18T09:00:00+08:00')
      .group('wang-fang', '@信用助手 双公示信息要在多少天内上传？')
      .group('wang-fang', '填报 双公示')
      .dm('wang-fang', '１２０', '一百二十', '一百一十五', '118', '2', '两', '跳过', '确认')
      .group('xu-wenbo', '进度')
      .at('2026-11-19T12:00:00+08:00')
      .dm('lin-xiaoyan', '我是谁');

    const simulated: SimulatedOutput[] = (await simulate(s.lines)).filter((o) => o.update === undefined);
    const onWechat = await playOnWechat(s.lines);

    // WeChat shows what simulate's text-only rendering shows: cards as text with numbered replies.
    const simulateSide = conversation(simulated.map((o) => ({ chat: o.chat, mentions: o.mentions, lines: o.text.split('\n') })), reachable);
    // Only WeChat has people it cannot reach (some have no WeChat identity), and the admins are told
    // of each once: those notices are the one thing simulate cannot show.
    const undeliverable = t('delivery.title', { who: '' });
    const wechatSide = conversation(
      onWechat.map((m) => ({ chat: m.chat, ...splitMentions(m.text ?? '') })).filter((m) => !m.lines.some((line) => line.includes(undeliverable))),
      reachable,
    );
    expect(onWechat.some((m) => m.text?.includes(undeliverable))).toBe(true);
    expect(Object.keys(wechatSide).length).toBeGreaterThan(3);
    expect(wechatSide).toEqual(simulateSide);
  });
});

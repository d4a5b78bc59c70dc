import { describe, expect, it } from 'vitest';
import { loadRoster } from '../../../src/org/roster';
import { conversationByChat, playedOnSimulateAnd, UNDELIVERABLE, wangFangsWeek } from '../../helpers/same-scenario';
import { wechatBots } from '../../helpers/wechat-harness';

const roster = loadRoster('data/org.yaml');
/** The whole bot on the real WeChat channel and wechaty, with the mock puppet; stopped after each test. */
const bot = wechatBots();

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

describe('the same scenario on simulate and on WeChat', () => {
  it('a week of 王芳 asking, filling in 双公示 and being reminded reads the same to everyone WeChat reaches', async () => {
    const { simulated, h } = await playedOnSimulateAnd(bot, wangFangsWeek().lines);
    const onWechat = h.sent;

    // WeChat shows what simulate's text-only rendering shows: cards as text with numbered replies.
    const simulateSide = conversationByChat('wechat', simulated.map((o) => ({ chat: o.chat, mentions: o.mentions, lines: o.text.split('\n') })));
    // Only WeChat has people it cannot reach (some have no WeChat identity), and the admins are told
    // of each once: those notices are the one thing simulate cannot show.
    const wechatSide = conversationByChat(
      'wechat',
      onWechat.map((m) => ({ chat: m.chat, ...splitMentions(m.text ?? '') })).filter((m) => !m.lines.some((line) => line.includes(UNDELIVERABLE))),
    );
    expect(onWechat.some((m) => m.text?.includes(UNDELIVERABLE))).toBe(true);
    expect(Object.keys(wechatSide).length).toBeGreaterThan(3);
    expect(wechatSide).toEqual(simulateSide);
  });
});

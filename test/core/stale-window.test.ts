import { describe, expect, it } from 'vitest';
import { botHarness, textOf } from '../helpers/bot-harness';

const minutes = (n: number) => n * 60_000;

/** A message typed `late` minutes before it reaches the bot, as after a reconnect. */
async function arrivesLate(h: Awaited<ReturnType<typeof botHarness>>, late: number, from: string, text: string, o: Parameters<typeof h.message>[2] = {}) {
  const msg = h.message(from, text, o);
  msg.time = new Date(h.clock.now().getTime() - minutes(late));
  await h.bot.handle(msg);
  return { msg, sent: h.sent.splice(0) };
}

describe('the stale window', () => {
  it('does not act on a direct message typed long before it arrived, and tells the sender to resend', async () => {
    const h = await botHarness();
    // 王芳 typed 填报 at 08:45; the connection came back at 09:00.
    const { sent } = await arrivesLate(h, 15, 'wang-fang', '填报');
    expect(sent.map(textOf)).toEqual(['您 11月20日 08:45 发来的「填报」因连接中断，现在才收到。为免误操作，这条消息没有处理；如仍需要，请重新发送。']);
    expect(h.state().conversations).toEqual({});
    expect(h.log.lines().find((l) => l.msg === 'stale event not acted on')).toMatchObject({ lateMinutes: 15, sentAt: '2026-11-20T00:45:00.000Z' });
    // Sent again now, it is acted on.
    expect(textOf((await h.say('wang-fang', '填报'))[0])).not.toContain('连接中断');
    expect(Object.keys(h.state().conversations)).toEqual(['simulate|wang-fang']);
  });

  it('acts on a message that is late but within the window, and the window is configurable', async () => {
    const h = await botHarness();
    expect(textOf((await arrivesLate(h, 9, 'wang-fang', '我是谁')).sent[0])).toContain('王芳');
    const patient = await botHarness({ staleMinutes: 30 });
    expect(textOf((await arrivesLate(patient, 25, 'wang-fang', '我是谁')).sent[0])).toContain('王芳');
    expect(textOf((await arrivesLate(patient, 31, 'wang-fang', '我是谁')).sent[0])).toContain('连接中断');
  });

  it('answers a stale command in the group with the sender mentioned, and leaves stale chatter alone', async () => {
    const h = await botHarness();
    const command = await arrivesLate(h, 60, 'wang-fang', '进度', { chat: 'group' });
    expect(command.sent.map((o) => [o.to, o.mentions])).toEqual([[{ kind: 'group', groupId: 'main' }, ['wang-fang']]]);
    expect(textOf(command.sent[0])).toContain('「进度」因连接中断');
    expect((await arrivesLate(h, 60, 'wang-fang', '大家好，下午开会', { chat: 'group' })).sent).toEqual([]);
  });

  it('says nothing more when the stale event is delivered again', async () => {
    const h = await botHarness();
    const first = await arrivesLate(h, 20, 'wang-fang', '填报', { id: 'lark-evt-1' });
    expect(first.sent).toHaveLength(1);
    expect((await arrivesLate(h, 21, 'wang-fang', '填报', { id: 'lark-evt-1' })).sent).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Outgoing } from '../../../src/model/message';
import { OutboundSender, type SendLimits } from '../../../src/core/outbound/sender';
import { TransportError } from '../../../src/core/outbound/transport-error';
import { ManualTimer } from '../../helpers/manual-timer';
import { captureLog } from '../../helpers/silent-logger';

const dm = (personId: string, text: string): Outgoing => ({ to: { kind: 'direct', personId }, mentions: [], content: { text } });
const group = (text: string): Outgoing => ({ to: { kind: 'group', groupId: 'main' }, mentions: [], content: { text } });
const textOf = (out: Outgoing) => ('text' in out.content ? out.content.text : 'card' in out.content ? out.content.card.title : out.content.file.name);
const busy = () => new TransportError('rate limited', { transient: true });

/**
 * A platform that records when each message arrived, failing the sends `fail` picks (by text and
 * the how-many-th try of that text) with the error it returns.
 */
function fakePlatform(timer: ManualTimer, options: { maxText?: number; fail?: (text: string, attempt: number) => Error | undefined } = {}) {
  const delivered: Array<{ at: number; text: string }> = [];
  const attempts = new Map<string, number>();
  const transport = {
    maxText: options.maxText,
    async send(out: Outgoing) {
      const text = textOf(out);
      const attempt = (attempts.get(text) ?? 0) + 1;
      attempts.set(text, attempt);
      const error = options.fail?.(text, attempt);
      if (error) throw error;
      delivered.push({ at: timer.now(), text });
      return { messageId: `m${delivered.length}` };
    },
  };
  return { transport, delivered, attempts };
}

function sender(timer: ManualTimer, platform: ReturnType<typeof fakePlatform>, limits?: SendLimits) {
  const log = captureLog();
  return { log, outbound: new OutboundSender(platform.transport, { log: log.log, timer, limits }) };
}

describe('the outbound sender', () => {
  it('retries a transient failure with back-off: failing twice, then delivered once', async () => {
    const timer = new ManualTimer();
    const platform = fakePlatform(timer, { fail: (_, attempt) => (attempt <= 2 ? busy() : undefined) });
    const { outbound, log } = sender(timer, platform);
    await expect(timer.run(outbound.send(dm('wang-fang', '请于今天 18:00 前报送双公示')))).resolves.toEqual([{ messageId: 'm1' }]);
    expect(platform.delivered).toEqual([{ at: 1500, text: '请于今天 18:00 前报送双公示' }]);
    expect(timer.sleeps).toEqual([500, 1000]);
    expect(log.lines().filter((l) => l.msg === 'send failed; retrying').map((l) => l.retry)).toEqual([1, 2]);
  });

  it('gives up after the cap and rejects with the last error, for the caller to keep or log', async () => {
    const timer = new ManualTimer();
    const platform = fakePlatform(timer, { fail: () => busy() });
    const { outbound } = sender(timer, platform);
    await expect(timer.run(outbound.send(dm('wang-fang', '提醒')))).rejects.toThrow('rate limited');
    expect(platform.attempts.get('提醒')).toBe(4);
    expect(timer.sleeps).toEqual([500, 1000, 2000]);
  });

  it('does not retry a permanent failure, nor one the channel did not classify', async () => {
    const timer = new ManualTimer();
    const platform = fakePlatform(timer, {
      fail: (text) => (text === '已被移出群' ? new TransportError('bot not in chat', { transient: false }) : new Error('socket hang up')),
    });
    const { outbound } = sender(timer, platform);
    await expect(timer.run(outbound.send(group('已被移出群')))).rejects.toThrow('bot not in chat');
    await expect(timer.run(outbound.send(group('未知错误')))).rejects.toThrow('socket hang up');
    expect([...platform.attempts.values()]).toEqual([1, 1]);
    expect(timer.sleeps).toEqual([]);
  });

  it('waits as long as the platform asks when that is longer than the back-off', async () => {
    const timer = new ManualTimer();
    const platform = fakePlatform(timer, { fail: (_, attempt) => (attempt === 1 ? new TransportError('429', { transient: true, retryAfterMs: 3000 }) : undefined) });
    const { outbound } = sender(timer, platform);
    await timer.run(outbound.send(group('通报')));
    expect(platform.delivered).toEqual([{ at: 3000, text: '通报' }]);
  });

  it('keeps a reply ahead of a reminder sent to the same chat while the reply is being retried; other chats go on', async () => {
    const timer = new ManualTimer();
    const platform = fakePlatform(timer, { fail: (text, attempt) => (text === '回复：已打开双公示表单' && attempt === 1 ? busy() : undefined) });
    const { outbound } = sender(timer, platform);
    const done = Promise.all([
      outbound.send(dm('wang-fang', '回复：已打开双公示表单')),
      outbound.send(dm('wang-fang', '提醒：红黑名单今天截止')),
      outbound.send(dm('li-ming', '提醒：双公示今天截止')),
    ]);
    await timer.run(done);
    expect(platform.delivered).toEqual([
      { at: 0, text: '提醒：双公示今天截止' },
      { at: 500, text: '回复：已打开双公示表单' },
      { at: 500, text: '提醒：红黑名单今天截止' },
    ]);
  });

  it('goes on with a chat after a message to it failed for good', async () => {
    const timer = new ManualTimer();
    const platform = fakePlatform(timer, { fail: (text) => (text === '坏的' ? new TransportError('invalid', { transient: false }) : undefined) });
    const { outbound } = sender(timer, platform);
    const results = await timer.run(Promise.allSettled([outbound.send(group('坏的')), outbound.send(group('好的'))]));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect(platform.delivered.map((d) => d.text)).toEqual(['好的']);
  });

  it('paces a burst to one chat at the per-chat limit', async () => {
    const timer = new ManualTimer();
    const platform = fakePlatform(timer);
    const { outbound } = sender(timer, platform, { perApp: { count: 50, windowMs: 1000 }, perChat: { count: 5, windowMs: 1000 } });
    await timer.run(Promise.all(Array.from({ length: 12 }, (_, i) => outbound.send(group(`第 ${i + 1} 条`)))));
    expect(platform.delivered.map((d) => d.at)).toEqual([0, 0, 0, 0, 0, 1000, 1000, 1000, 1000, 1000, 2000, 2000]);
    expect(platform.delivered.map((d) => d.text)).toEqual(Array.from({ length: 12 }, (_, i) => `第 ${i + 1} 条`));
  });

  it('keeps all chats together under the per-app limit', async () => {
    const timer = new ManualTimer();
    const platform = fakePlatform(timer);
    const { outbound } = sender(timer, platform, { perApp: { count: 5, windowMs: 1000 }, perChat: { count: 3, windowMs: 1000 } });
    const people = ['wang-fang', 'li-ming', 'zhao-lei', 'chen-jing'];
    await timer.run(Promise.all(people.flatMap((p) => [1, 2, 3].map((n) => outbound.send(dm(p, `${p} ${n}`))))));
    const times = platform.delivered.map((d) => d.at);
    expect(times).toHaveLength(12);
    const busiestSecond = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));
    expect(busiestSecond).toBe(5);
    // Twelve sends at five a second need three seconds' worth of slots: 0, 1000 and 2000.
    expect(Math.max(...times)).toBe(2000);
    for (const p of people) expect(platform.delivered.filter((d) => d.text.startsWith(p)).map((d) => d.text)).toEqual([1, 2, 3].map((n) => `${p} ${n}`));
  });

  it('paces a personal account: 1.5 s apart in one chat, and no more than 20 a minute in all', async () => {
    const timer = new ManualTimer();
    const platform = fakePlatform(timer);
    const { outbound } = sender(timer, platform, { perApp: { count: 20, windowMs: 60_000 }, perChat: { count: 1, windowMs: 1500 } });
    const people = ['wang-fang', 'li-ming', 'zhao-lei'];
    await timer.run(Promise.all(people.flatMap((p) => Array.from({ length: 10 }, (_, n) => outbound.send(dm(p, `${p} ${n + 1}`))))));
    const times = platform.delivered.map((d) => d.at);
    expect(times).toHaveLength(30);
    for (const p of people) {
      const own = platform.delivered.filter((d) => d.text.startsWith(p));
      expect(own.map((d) => d.text)).toEqual(Array.from({ length: 10 }, (_, n) => `${p} ${n + 1}`));
      for (let i = 1; i < own.length; i++) expect(own[i]!.at - own[i - 1]!.at).toBeGreaterThanOrEqual(1500);
    }
    const busiestMinute = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 60_000).length));
    expect(busiestMinute).toBe(20);
    // The 21st send waits for the first to leave its minute.
    expect([...times].sort((a, b) => a - b)[20]).toBe(60_000);
  });

  it('splits a long text at line boundaries for a channel with a length limit, in order, before the next message', async () => {
    const timer = new ManualTimer();
    const platform = fakePlatform(timer, { maxText: 12 });
    const { outbound } = sender(timer, platform);
    const after: string[] = [];
    const long = ['商事登记科：已报 3 项', '社会事务科：已报 2 项', '建设管理科：未报'].join('\n');
    await timer.run(
      Promise.all([
        outbound.send(group(long), async (results) => void after.push(`long: ${results.length} pieces`)),
        outbound.send(group('下一条'), async () => void after.push('next')),
      ]),
    );
    expect(platform.delivered.map((d) => d.text)).toEqual(['商事登记科：已报 3 项', '社会事务科：已报 2 项', '建设管理科：未报', '下一条']);
    expect(after).toEqual(['long: 3 pieces', 'next']);
  });
});

import { describe, expect, it } from 'vitest';
import type { Outgoing } from '../../../src/model/message';
import { TransportError } from '../../../src/core/outbound/transport-error';
import type { Timer } from '../../../src/core/outbound/timer';
import { deliverPending, recordPlanned } from '../../../src/reminders/outbox';
import { botHarness, textOf } from '../../helpers/bot-harness';

const reminder: Outgoing = { to: { kind: 'direct', personId: 'wang-fang' }, mentions: [], content: { text: '提醒：“双公示”今天 18:00 截止' } };
const timeout = () => new TransportError('timeout', { transient: true });

/** A back-off that lasts until the test says so, and tells the test when it has begun. */
function heldBackOff() {
  let wake = () => {};
  let began = () => {};
  const backingOff = new Promise<void>((resolve) => (began = resolve));
  const timer: Timer = {
    now: () => 0,
    sleep: () => {
      began();
      return new Promise<void>((resolve) => (wake = resolve));
    },
  };
  return { timer, backingOff, wake: () => wake() };
}

const noWait: Timer = { now: () => 0, sleep: async () => {} };

describe('replies, reminders and notices share one way out', () => {
  it('keeps a reply ahead of an outbox reminder for the same chat sent at the same moment', async () => {
    const backOff = heldBackOff();
    let tries = 0;
    const h = await botHarness({ timer: backOff.timer, platform: async () => {
        if (tries++ === 0) throw timeout();
      },
    });
    await recordPlanned(h.store, [{ keys: ['test|deadline|wang-fang'], message: reminder }], h.clock.now());

    // 王芳 asks; the platform times out on the reply, which waits to be tried again …
    const handled = h.bot.handle(h.message('wang-fang', '我是谁'));
    await backOff.backingOff;
    // … while the reminder job delivers the outbox to the same chat.
    const delivered = deliverPending(h.store, async (out) => void (await h.bot.send(out)), h.clock.now(), h.log.log, h.roster);
    backOff.wake();
    await Promise.all([handled, delivered]);

    expect(h.sent.map(textOf)).toEqual([expect.stringContaining('王芳'), '提醒：“双公示”今天 18:00 截止']);
    expect(h.state().outbox.map((e) => e.status)).toEqual(['sent']);
  });

  it('leaves a reminder that still fails after the retries in the outbox for its own later retry', async () => {
    let tries = 0;
    const h = await botHarness({
      timer: noWait,
      platform: async () => {
        tries++;
        throw timeout();
      },
    });
    await recordPlanned(h.store, [{ keys: ['test|deadline|wang-fang'], message: reminder }], h.clock.now());
    await deliverPending(h.store, async (out) => void (await h.bot.send(out)), h.clock.now(), h.log.log, h.roster);
    expect(tries).toBe(4);
    expect(h.state().outbox.map((e) => [e.status, e.attempts, e.lastError])).toEqual([['pending', 1, 'timeout']]);
  });

  it('logs a reply that cannot be delivered with a reference', async () => {
    const h = await botHarness({
      timer: noWait,
      platform: async () => {
        throw new TransportError('bot removed from chat', { transient: false });
      },
    });
    await h.bot.handle(h.message('wang-fang', '我是谁'));
    const failed = h.log.lines().find((l) => l.msg === 'handler failed');
    expect(failed).toMatchObject({ err: { message: 'bot removed from chat' }, ref: expect.stringMatching(/^[0-9a-f]{6}$/) });
    expect(h.log.lines().find((l) => l.msg === 'apology could not be sent')).toMatchObject({ ref: failed!.ref });
  });
});

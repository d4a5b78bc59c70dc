import { describe, expect, it } from 'vitest';
import { TransportError } from '../../src/core/outbound/transport-error';
import type { Outgoing } from '../../src/model/message';
import { botHarness, textOf } from '../helpers/bot-harness';

const beijing = (s: string) => new Date(`${s}+08:00`);
const ADMINS = ['lin-xiaoyan', 'xu-wenbo', 'gao-ya'];

/** A platform on which the bot has been removed from the department's group (Feishu's 230002). */
function groupWithoutBot(tries: Outgoing[]) {
  return async (out: Outgoing) => {
    if (out.to.kind !== 'group') return;
    tries.push(out);
    throw new TransportError('lark refused the message: HTTP 400 code 230002 Bot is not in the chat', { transient: false, problem: 'not_in_chat', code: '230002' });
  };
}

const noticesIn = (sent: Outgoing[]) => sent.filter((o) => textOf(o).startsWith('⚠️ 有一条消息没能送达'));
const noticeEntries = (h: { state: () => { outbox: ReadonlyArray<{ keys: string[]; status: string }> } }) => h.state().outbox.filter((e) => e.keys.some((k) => k.startsWith('delivery-problem|')));

describe('a reminder to a group the bot is not in', () => {
  it('is tried once, marked failed, and each admin is told once in a direct chat how to add the bot', async () => {
    const tries: Outgoing[] = [];
    const h = await botHarness({ start: beijing('2026-11-19T09:00'), platform: groupWithoutBot(tries) });

    const sent = await h.advanceTo(beijing('2026-11-19T12:00'));

    // The 10:00 group reminder: one try, then given up.
    expect(tries.map(textOf)).toEqual([expect.stringMatching(/^【截止提醒】/)]);
    const reminder = h.state().outbox.find((e) => e.message.to.kind === 'group')!;
    expect(reminder).toMatchObject({ status: 'failed', attempts: 1, failedAt: beijing('2026-11-19T10:00').toISOString(), lastError: expect.stringMatching(/230002/) });
    // Every admin hears of it in their own direct chat; nothing about it goes to a group.
    const notices = noticesIn(sent);
    expect(notices.map((n) => n.to)).toEqual(ADMINS.map((personId) => ({ kind: 'direct', personId })));
    expect(textOf(notices[0])).toBe(
      [
        '⚠️ 有一条消息没能送达群「信用体系建设工作群」',
        '没送达的消息：【截止提醒】以下任务即将截止或已逾期，请尚未报送的同志抓紧：',
        '原因：机器人不在这个群里（没有被拉进群，或已被移出群）。（平台错误码 230002）',
        '处理办法：请在飞书中打开该群，点击 群设置 → 群机器人 → 添加机器人，选择「信用助手」。',
        '同一问题本月只通知这一次；问题解决后，以后的消息会正常发送，这一条不会补发。',
      ].join('\n'),
    );
    expect(h.log.lines().filter((l) => l.msg === 'outbox send failed; given up and marked failed')).toEqual([
      expect.objectContaining({ level: 50, code: '230002', reason: 'not_in_chat', attempts: 1 }),
    ]);
  });

  it('a later pass, a restart and another reminder to the group that fails the same way tell no one again', async () => {
    const tries: Outgoing[] = [];
    const h = await botHarness({ start: beijing('2026-11-19T09:00'), platform: groupWithoutBot(tries) });
    expect(noticesIn(await h.advanceTo(beijing('2026-11-19T12:00')))).toHaveLength(3);

    // The afternoon's passes: the failed reminder is not retried.
    expect(noticesIn(await h.advanceTo(beijing('2026-11-19T17:00')))).toEqual([]);
    expect(tries).toHaveLength(1);

    // A restart on the same data: the catch-up run plans nothing again and repeats no notice.
    const again = await botHarness({ start: beijing('2026-11-19T17:05'), dataDir: h.dataDir, platform: groupWithoutBot(tries) });
    expect(noticesIn(await again.advanceTo(beijing('2026-11-20T17:00')))).toEqual([]);
    expect(tries).toHaveLength(1);

    // An admin's 提醒 立即 posts to the group again: that fails too, but the admins already know.
    const reply = await again.say('lin-xiaoyan', '提醒 立即 双公示');
    expect(tries).toHaveLength(2);
    expect(reply.map(textOf).join('\n')).toMatch(/已提醒/);
    expect(noticesIn([...reply, ...(await again.advanceTo(beijing('2026-11-20T17:20')))])).toEqual([]);
    expect(noticeEntries(again)).toHaveLength(3);
  });
});

describe('a reminder that keeps failing for a while (the platform busy or unreachable)', () => {
  it('is retried with back-off, and after a day of failures given up with one notice to the admins', async () => {
    const tries: string[] = [];
    const h = await botHarness({
      start: beijing('2026-11-17T09:00'),
      // The outbound path's quick retries (half a second, then doubling) cost no real time here.
      timer: { now: () => 0, sleep: async () => {} },
      platform: async (out) => {
        if (out.to.kind !== 'direct' || out.to.personId !== 'wang-fang') return;
        tries.push(h.clock.now().toISOString());
        throw new TransportError('lark refused the message: HTTP 429 code 99991400', { transient: true, code: '99991400' });
      },
    });

    const firstDay = await h.advanceTo(beijing('2026-11-17T17:30'));

    // Each try is the outbound path's four quick ones; the outbox waits 1, 5, 15, then 60 minutes.
    const outboxTries = [...new Set(tries.map((at) => at.slice(0, 16)))];
    expect(outboxTries.slice(0, 5)).toEqual(['09:30', '09:31', '09:36', '09:51', '10:51'].map((t) => beijing(`2026-11-17T${t}`).toISOString().slice(0, 16)));
    expect(noticesIn(firstDay)).toEqual([]);
    expect(h.state().outbox.find((e) => e.message.to.kind === 'direct' && e.message.to.personId === 'wang-fang')).toMatchObject({ status: 'pending' });

    const nextDay = await h.advanceTo(beijing('2026-11-18T12:00'));

    const dm = h.state().outbox.find((e) => e.message.to.kind === 'direct' && e.message.to.personId === 'wang-fang')!;
    // Hourly through the working day, from 09:00 the next morning; the try at 10:00 is past the day.
    expect(dm).toMatchObject({ status: 'failed', firstFailedAt: beijing('2026-11-17T09:30').toISOString(), failedAt: beijing('2026-11-18T10:00').toISOString() });
    const notices = noticesIn(nextDay);
    expect(notices.map((n) => n.to)).toEqual(ADMINS.map((personId) => ({ kind: 'direct', personId })));
    expect(textOf(notices[0])).toMatch(/没能送达王芳（私聊）\n没送达的消息：填报提醒\n原因：连续一天都发送失败.*（平台错误码 99991400）/);
    // Given up means given up: no more tries the rest of the week.
    const triesSoFar = tries.length;
    await h.advanceTo(beijing('2026-11-20T17:30'));
    expect(tries).toHaveLength(triesSoFar);
  });
});

describe('an admin notice that cannot be delivered either', () => {
  it('is marked failed without a notice about the notice', async () => {
    const tries: Outgoing[] = [];
    const removed = groupWithoutBot(tries);
    const h = await botHarness({
      start: beijing('2026-11-19T09:00'),
      platform: async (out) => {
        await removed(out);
        if (textOf(out).startsWith('⚠️')) {
          tries.push(out);
          throw new TransportError('lark refused the message: code 230053 user stopped the bot', { transient: false, problem: 'blocked', code: '230053' });
        }
      },
    });

    const sent = await h.advanceTo(beijing('2026-11-19T17:00'));

    expect(noticesIn(sent)).toEqual([]);
    // The group reminder once, then each admin's notice once.
    expect(tries.map((o) => o.to.kind)).toEqual(['group', 'direct', 'direct', 'direct']);
    expect(noticeEntries(h).map((e) => e.status)).toEqual(['failed', 'failed', 'failed']);
  });
});

describe('an admin the platform cannot reach', () => {
  it('is not sent a notice about herself: the other admins are told', async () => {
    // 高雅 has no Feishu account in org.yaml, so her morning summary (the 23rd's) has nowhere to go.
    const h = await botHarness({
      start: beijing('2026-11-19T09:00'),
      platform: async (out) => {
        if (out.to.kind === 'direct' && out.to.personId === 'gao-ya') throw new TransportError('person gao-ya has no lark open_id in org.yaml', { transient: false, problem: 'no_account' });
      },
    });

    const notices = noticesIn(await h.advanceTo(beijing('2026-11-23T12:00')));

    expect(notices.map((n) => n.to)).toEqual(['lin-xiaoyan', 'xu-wenbo'].map((personId) => ({ kind: 'direct', personId })));
    expect(textOf(notices[0])).toMatch(/^⚠️ 有一条消息没能送达高雅（私聊）\n没送达的消息：每日报送情况\n原因：人员名单（data\/org\.yaml）里没有登记其平台账号，不知道发往哪里。\n处理办法：请在 data\/org\.yaml 中为其登记 open_id/);
  });
});

import { describe, expect, it } from 'vitest';
import { TransportError } from '../../src/core/outbound/transport-error';
import type { Outgoing } from '../../src/model/message';
import { botHarness, textOf } from '../helpers/bot-harness';

const beijing = (s: string) => new Date(`${s}+08:00`);
const noticesIn = (sent: Outgoing[]) => sent.filter((o) => textOf(o).startsWith('⚠️ 有一条消息没能送达'));

describe('a reply the platform refuses for good (the bot was removed from the group)', () => {
  it('is logged with its code, and the admins are told once, in their direct chats, at the next working moment', async () => {
    const tries: Outgoing[] = [];
    const h = await botHarness({
      start: beijing('2026-12-01T10:30'),
      platform: async (out) => {
        if (out.to.kind !== 'group') return;
        tries.push(out);
        throw new TransportError('lark refused the message: HTTP 400 code 230002 Bot is not in the chat', { transient: false, problem: 'not_in_chat', code: '230002' });
      },
    });
    await h.advanceTo(beijing('2026-12-01T10:31'));

    // 王芳 asks for help in the group: the answer cannot be posted, nor the apology after it.
    expect(await h.say('wang-fang', '帮助', { chat: 'group' })).toEqual([]);
    expect(tries.map((o) => o.to)).toEqual([
      { kind: 'group', groupId: 'main' },
      { kind: 'group', groupId: 'main' },
    ]);
    expect(h.log.lines().filter((l) => l.msg === 'handler failed')).toEqual([expect.objectContaining({ err: expect.objectContaining({ code: '230002', problem: 'not_in_chat' }) })]);

    const notices = noticesIn(await h.advanceTo(beijing('2026-12-01T10:40')));
    expect(notices.map((n) => n.to)).toEqual(['lin-xiaoyan', 'xu-wenbo', 'gao-ya'].map((personId) => ({ kind: 'direct', personId })));
    // The notice names the reply (the 帮助 card's title), so the admins know what went missing.
    expect(textOf(notices[0]).split('\n').slice(0, 4)).toEqual([
      '⚠️ 有一条消息没能送达群「信用体系建设工作群」',
      '没送达的消息：信用助手 · 帮助',
      '原因：机器人不在这个群里（没有被拉进群，或已被移出群）。（平台错误码 230002）',
      '处理办法：请在飞书中打开该群，点击 群设置 → 群机器人 → 添加机器人，选择「信用助手」。',
    ]);

    // The next message in the group fails the same way: the admins already know.
    await h.say('zhou-min', '帮助', { chat: 'group' });
    expect(tries).toHaveLength(4);
    expect(noticesIn(await h.advanceTo(beijing('2026-12-01T11:00')))).toEqual([]);
  });

  it('a reply that only failed for a moment (a rate limit) tells no one', async () => {
    const h = await botHarness({
      start: beijing('2026-12-01T10:30'),
      timer: { now: () => 0, sleep: async () => {} },
      platform: async (out) => {
        if (out.to.kind === 'group') throw new TransportError('lark refused the message: HTTP 429 code 99991400', { transient: true, code: '99991400' });
      },
    });
    await h.advanceTo(beijing('2026-12-01T10:31'));

    await h.say('wang-fang', '帮助', { chat: 'group' });

    expect(noticesIn(await h.advanceTo(beijing('2026-12-01T11:00')))).toEqual([]);
    expect(h.state().outbox.filter((e) => e.keys.some((k) => k.startsWith('delivery-problem|')))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { IncomingArrival } from '../../src/model/message';
import { t } from '../../src/prompts';
import { botHarness, textOf } from '../helpers/bot-harness';

type Harness = Awaited<ReturnType<typeof botHarness>>;

/** As a platform reports it: the bot added to a chat, or someone opening its direct chat. */
function arrival(h: Harness, o: { chatId: string; chatType: 'group' | 'direct'; by: string; groupId?: string; chatName?: string; id: string }): IncomingArrival {
  const person = h.roster.person(o.by);
  return {
    kind: 'arrival',
    channel: 'simulate',
    chatId: o.chatId,
    chatType: o.chatType,
    ...(o.groupId ? { groupId: o.groupId } : {}),
    senderId: o.by,
    ...(person ? { personId: person.id, senderName: person.name } : {}),
    messageId: o.id,
    time: h.clock.now(),
    ...(o.chatName ? { chatName: o.chatName } : {}),
  };
}

describe('welcome', () => {
  it('王芳 opens the direct chat for the first time: one welcome naming her, never again', async () => {
    const h = await botHarness();

    const first = await h.handle(arrival(h, { chatId: 'p2p-wang', chatType: 'direct', by: 'wang-fang', id: 'e1' }));
    const again = await h.handle(arrival(h, { chatId: 'p2p-wang', chatType: 'direct', by: 'wang-fang', id: 'e2' }));

    expect(first).toMatchObject([{ to: { kind: 'direct', personId: 'wang-fang' } }]);
    expect(textOf(first[0])).toBe(t('welcome.direct', { bot: h.roster.botName, name: '王芳' }));
    expect(again).toEqual([]);
  });

  it('a stranger is welcomed with the id to give the admins', async () => {
    const h = await botHarness();

    const sent = await h.handle(arrival(h, { chatId: 'p2p-x', chatType: 'direct', by: 'ou_stranger', id: 'e1' }));

    expect(sent).toMatchObject([{ to: { kind: 'chat', chatId: 'p2p-x', chatType: 'direct' } }]);
    expect(textOf(sent[0])).toContain('ou_stranger');
    expect(textOf(sent[0])).toContain(h.roster.adminNames());
  });

  it('added to the department group, the bot says what it does there', async () => {
    const h = await botHarness();

    const sent = await h.handle(arrival(h, { chatId: 'main', chatType: 'group', groupId: 'main', by: 'lin-xiaoyan', id: 'e1' }));

    expect(sent).toMatchObject([{ to: { kind: 'group', groupId: 'main' }, mentions: [] }]);
    expect(textOf(sent[0])).toBe(t('welcome.group', { bot: h.roster.botName }));
  });

  it('added to a group not in org.yaml: the group is told, and each admin gets its chat id in private, once', async () => {
    const h = await botHarness();
    const admins = h.roster.admins();

    const sent = await h.handle(arrival(h, { chatId: 'oc_new_group', chatType: 'group', by: 'wang-fang', chatName: '信用周报群', id: 'e1' }));
    const again = await h.handle(arrival(h, { chatId: 'oc_new_group', chatType: 'group', by: 'wang-fang', chatName: '信用周报群', id: 'e2' }));

    expect(sent.map((o) => o.to)).toEqual([{ kind: 'chat', chatId: 'oc_new_group', chatType: 'group' }, ...admins.map((a) => ({ kind: 'direct', personId: a.id }))]);
    expect(textOf(sent[1])).toContain('王芳 把我拉进了群「信用周报群」');
    expect(textOf(sent[1])).toContain('identities: { simulate: { chat_id: oc_new_group } }');
    expect(again).toEqual([]);
  });

  it('a welcome that arrives late (a backlog after a reconnect) is still sent', async () => {
    const h = await botHarness({ staleMinutes: 10 });
    const late = { ...arrival(h, { chatId: 'main', chatType: 'group', groupId: 'main', by: 'lin-xiaoyan', id: 'e1' }), time: new Date(h.clock.now().getTime() - 3 * 3600_000) };

    expect(await h.handle(late)).toHaveLength(1);
  });
});

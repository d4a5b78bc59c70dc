import type { IncomingArrival, Outgoing } from '../model/message';
import type { PlannedMessage } from '../model/planned-message';
import { t } from '../prompts';
import { deliverPending, recordPlanned } from '../reminders/outbox';
import type { ChatContext } from './chat-context';

/**
 * The bot's first words in a chat it just arrived in: what it does, and in a group the org has not
 * registered, that an admin must register it (the admins get its chat id in a direct message).
 * Sent through the outbox under a key per chat, so a platform that repeats the event (Feishu sends
 * one each time someone opens the direct chat) gets one welcome, ever, even across restarts.
 */
export async function welcome(ctx: ChatContext, arrival: IncomingArrival): Promise<void> {
  const { msg, roster, person } = ctx;
  const bot = roster.botName;
  const admins = roster.adminNames();
  const key = `welcome|${msg.channel}|${msg.chatId}`;
  const text = (to: Outgoing['to'], line: string, keys = [key]): PlannedMessage => ({ keys, message: { to, mentions: [], content: { text: line } } });
  const planned: PlannedMessage[] = [];
  if (msg.chatType === 'direct') {
    planned.push(
      person
        ? text({ kind: 'direct', personId: person.id }, t('welcome.direct', { bot, name: person.name }))
        : text({ kind: 'chat', chatId: msg.chatId, chatType: 'direct' }, t('welcome.stranger', { bot, id: msg.senderId, admins })),
    );
  } else if (msg.groupId !== undefined) {
    planned.push(text({ kind: 'group', groupId: msg.groupId }, t('welcome.group', { bot })));
  } else {
    planned.push(text({ kind: 'chat', chatId: msg.chatId, chatType: 'group' }, t('welcome.group_unregistered', { bot, admins })));
    const by = person?.name ?? msg.senderId;
    const name = arrival.chatName || t('welcome.unnamed_group');
    for (const admin of roster.admins()) {
      planned.push(text({ kind: 'direct', personId: admin.id }, t('welcome.register_group', { name, chatId: msg.chatId, by, channel: msg.channel }), [`${key}|${admin.id}`]));
    }
  }
  await recordPlanned(ctx.store, planned, ctx.now);
  // Only the welcome: reminders waiting for working hours stay waiting.
  const keys = new Set(planned.flatMap((p) => p.keys));
  await deliverPending(ctx.store, (out) => ctx.send(out), ctx.now, ctx.log, roster, (entry) => entry.keys.some((k) => keys.has(k)));
}

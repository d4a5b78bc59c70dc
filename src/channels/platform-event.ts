import type { ChatType } from '../model/message';
import type { Group, Person } from '../org/schema';

/** Where an event happened and who caused it, as a platform reports it, with the roster's match. */
export interface PlatformOrigin {
  channel: string;
  chatId: string;
  chatType: ChatType;
  /** The org group this chat is, if the roster knows it. */
  group?: Group | undefined;
  senderId: string;
  /** The roster person the sender is, if the roster knows them. */
  person?: Person | undefined;
  messageId: string;
  time: Date;
}

/**
 * The common part of every platform event (message, press, arrival): the platform's ids kept for
 * logs and replies, the roster's ids beside them, so the core only ever reads roster ids.
 */
export function eventOrigin(o: PlatformOrigin) {
  return {
    channel: o.channel,
    chatId: o.chatId,
    chatType: o.chatType,
    ...(o.group ? { groupId: o.group.id } : {}),
    senderId: o.senderId,
    ...(o.person ? { personId: o.person.id, senderName: o.person.name } : {}),
    messageId: o.messageId,
    time: o.time,
  };
}

import type { IncomingAction, IncomingMessage } from '../model/message';
import type { Roster } from '../org/roster';
import { parseTypedMentions } from './typed-mentions';

/** A line typed as plain text: at the console, in a simulate script, or in a test. */
export interface TypedLine {
  channel: string;
  /** The sender's platform id: on the console and in simulate their roster id, or an outsider's name. */
  senderId: string;
  /** The sender's roster id, as the channel's edge resolved it; unset for someone outside the roster. */
  personId?: string;
  senderName?: string;
  /** A group from org.yaml (by roster id), or the sender's direct chat with the bot. */
  chat: { kind: 'group'; groupId: string } | { kind: 'direct' };
  text: string;
  messageId: string;
  time: Date;
}

/** Who acted and where, without what they typed: also the origin of a pressed button. */
export type TypedOrigin = Omit<TypedLine, 'text'>;

/**
 * The one place a typed line becomes an `IncomingMessage`, so the console, simulate and the tests
 * feed the bot exactly the same shape: in a group, "@信用助手" and "@王芳" are read from the text
 * (mentions as roster ids) and the chat is the group's id; a direct chat is `dm:<sender id>`.
 */
export function typedIncoming(line: TypedLine, roster: Roster): IncomingMessage {
  const typed = line.chat.kind === 'group' ? parseTypedMentions(line.text, roster) : { text: line.text, mentionsBot: false, mentions: [] };
  return { ...eventBase(line), kind: 'message', text: typed.text, mentionsBot: typed.mentionsBot, mentions: typed.mentions };
}

/** A press of a card's button by someone in simulate or a test, shaped as a platform's card action. */
export function typedPress(origin: TypedOrigin, press: { cardMessageId: string; value: string }): IncomingAction {
  return { ...eventBase(origin), kind: 'action', cardMessageId: press.cardMessageId, value: press.value };
}

function eventBase(origin: TypedOrigin) {
  const group = origin.chat.kind === 'group' ? origin.chat.groupId : undefined;
  return {
    channel: origin.channel,
    chatId: group ?? `dm:${origin.senderId}`,
    chatType: group === undefined ? ('direct' as const) : ('group' as const),
    ...(group === undefined ? {} : { groupId: group }),
    senderId: origin.senderId,
    ...(origin.personId === undefined ? {} : { personId: origin.personId }),
    ...(origin.senderName === undefined ? {} : { senderName: origin.senderName }),
    messageId: origin.messageId,
    time: origin.time,
  };
}

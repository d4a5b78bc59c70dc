import type { IncomingMessage } from '../core/message';
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

/**
 * The one place a typed line becomes an `IncomingMessage`, so the console, simulate and the tests
 * feed the bot exactly the same shape: in a group, "@信用助手" and "@王芳" are read from the text
 * (mentions as roster ids) and the chat is the group's id; a direct chat is `dm:<sender id>`.
 */
export function typedIncoming(line: TypedLine, roster: Roster): IncomingMessage {
  const group = line.chat.kind === 'group' ? line.chat.groupId : undefined;
  const typed = group === undefined ? { text: line.text, mentionsBot: false, mentions: [] } : parseTypedMentions(line.text, roster);
  return {
    kind: 'message',
    channel: line.channel,
    chatId: group ?? `dm:${line.senderId}`,
    chatType: group === undefined ? 'direct' : 'group',
    ...(group === undefined ? {} : { groupId: group }),
    senderId: line.senderId,
    ...(line.personId === undefined ? {} : { personId: line.personId }),
    ...(line.senderName === undefined ? {} : { senderName: line.senderName }),
    text: typed.text,
    mentionsBot: typed.mentionsBot,
    mentions: typed.mentions,
    messageId: line.messageId,
    time: line.time,
  };
}

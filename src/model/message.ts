/** The channel-neutral message model: every platform adapter translates to and from these. */

export type ChatType = 'group' | 'direct';

/** Where an event happened and who caused it; common to messages and button presses. */
interface EventBase {
  /** Which adapter it came from: 'console', 'simulate', 'lark', 'wechat'. */
  channel: string;
  /** The platform's chat id: for the console and simulate, an org group id or `dm:<person id>`. */
  chatId: string;
  chatType: ChatType;
  /** The org group this chat is, resolved by the channel (Roster.identifyGroup); unset for other chats. */
  groupId?: string;
  /** The platform's id for the sender: only for logs and for telling a stranger what to register. */
  senderId: string;
  /** The sender's roster id, resolved by the channel (Roster.identifyPerson); unset for a stranger. */
  personId?: string;
  senderName?: string;
  /** The platform's id for this event: redeliveries carry the same one. */
  messageId: string;
  time: Date;
}

/** Someone wrote in a chat. */
export interface IncomingMessage extends EventBase {
  kind: 'message';
  /** The text with the bot's own @-mention removed. */
  text: string;
  mentionsBot: boolean;
  /** Roster ids of the other people @-mentioned, resolved by the channel. */
  mentions: string[];
}

/** Someone pressed a button of a card the bot sent. */
export interface IncomingAction extends EventBase {
  kind: 'action';
  /** The message id the channel returned when it sent the card. */
  cardMessageId: string;
  /** The pressed button's value. */
  value: string;
}

/**
 * The bot was added to a group, or someone opened its direct chat for the first time; the sender
 * is whoever did it. Feishu says so (other platforms may never).
 */
export interface IncomingArrival extends EventBase {
  kind: 'arrival';
  /** The group's name, where the platform gives one: for telling an admin which group it was. */
  chatName?: string;
}

export type Incoming = IncomingMessage | IncomingAction | IncomingArrival;

export interface Button {
  label: string;
  /** What pressing it "says": the text the bot receives, e.g. `填报 双公示`. */
  value: string;
}

export interface Card {
  title: string;
  lines?: string[];
  table?: { header: string[]; rows: string[][] };
  /** Lines after the table (an official notice goes on after its ranking table). */
  footer?: string[];
  buttons?: Button[];
}

/** A file to deliver: one on disk, or bytes made in memory. */
export type FileContent = ({ path: string } | { data: Buffer }) & {
  /** The name the recipient sees, e.g. 信用监测台账-2026-11.xlsx. */
  name: string;
  caption?: string;
};

export type Content = { text: string } | { card: Card } | { file: FileContent };

/** Where a message goes: a group from org.yaml, a person's direct chat, or a raw platform chat. */
export type Address =
  | { kind: 'group'; groupId: string }
  | { kind: 'direct'; personId: string }
  | { kind: 'chat'; chatId: string; chatType: ChatType };

/** One key per chat, whichever way it is addressed (group:main, direct:wang-fang, chat:oc_…). */
export function addressKey(to: Address): string {
  switch (to.kind) {
    case 'group':
      return `group:${to.groupId}`;
    case 'direct':
      return `direct:${to.personId}`;
    case 'chat':
      return `chat:${to.chatId}`;
  }
}

export interface Outgoing {
  to: Address;
  /** Roster ids of the people to @-mention. */
  mentions: string[];
  content: Content;
  /** Set for messages from the outbox: platforms that dedupe sends (Lark's `uuid`) get it. */
  idempotencyKey?: string;
  /**
   * The sender id of the person this message answers, for messages sent while handling their
   * message in their chat or their direct chat. Its buttons then belong to that person's
   * conversation; unset (reminders, notices), its buttons never capture a conversation's replies.
   */
  conversationWith?: string;
}

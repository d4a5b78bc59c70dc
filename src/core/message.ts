/** The channel-neutral message model: every platform adapter translates to and from these. */

export type ChatType = 'group' | 'direct';

export interface Incoming {
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
  /** The text with the bot's own @-mention removed. */
  text: string;
  mentionsBot: boolean;
  /** Roster ids of the other people @-mentioned (the channel resolves them; strangers are left out). */
  mentions: string[];
  messageId: string;
  time: Date;
}

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

export type Content = { text: string } | { card: Card };

/** Where a message goes: a group from org.yaml, a person's direct chat, or a raw platform chat. */
export type Address =
  | { kind: 'group'; groupId: string }
  | { kind: 'direct'; personId: string }
  | { kind: 'chat'; chatId: string; chatType: ChatType };

export interface Outgoing {
  to: Address;
  /** Roster ids of the people to @-mention. */
  mentions: string[];
  content: Content;
  /** Set for messages from the outbox: platforms that dedupe sends (Lark's `uuid`) get it. */
  idempotencyKey?: string;
}

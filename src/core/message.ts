/** The channel-neutral message model: every platform adapter translates to and from these. */

export type ChatType = 'group' | 'direct';

export interface Incoming {
  /** Which adapter it came from: 'console', 'simulate', 'lark', 'wechat'. */
  channel: string;
  /** The platform's chat id: for the console and simulate, an org group id or `dm:<person id>`. */
  chatId: string;
  chatType: ChatType;
  /** The platform's id for the sender (roster id, Lark open_id, WeChat alias or name). */
  senderId: string;
  senderName?: string;
  /** The text with the bot's own @-mention removed. */
  text: string;
  mentionsBot: boolean;
  /** Platform ids of the other people @-mentioned. */
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

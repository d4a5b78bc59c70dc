import type { Content, Incoming, Outgoing } from '../model/message';

/** What a platform can show; the core turns what it cannot into what it can (see degrade.ts). */
export interface ChannelCapabilities {
  /** Cards with pressable buttons; without them a card arrives as text with numbered replies. */
  cards: boolean;
  /** Files as attachments; without them the recipient is told where the file was saved. */
  files: boolean;
  /** Whether an @-mention names a platform id or a display name (WeChat mentions by name). */
  mentions: 'id' | 'name';
  /** The longest text one message may carry, in characters; unset: no limit. */
  maxTextLength?: number;
  /**
   * The longest text one message may carry, in UTF-8 bytes, for platforms that count bytes (WeCom:
   * a Chinese character is three); unset: no limit in bytes. Longer texts go as several messages.
   */
  maxTextBytes?: number;
}

/** What the core needs of a channel to deliver messages. */
export interface OutboundChannel {
  /** 'console', 'simulate', 'lark', 'wechat', 'wecom': also the `channel` of its events. */
  readonly name: string;
  readonly capabilities: ChannelCapabilities;
  /** Delivers one message; the id is what the platform will name in a press of its buttons. */
  send(out: Outgoing): Promise<{ messageId: string }>;
  /** Replaces a sent message, where the platform can edit one (a pressed card loses its buttons). */
  update?(messageId: string, content: Content): Promise<void>;
}

/**
 * A platform adapter: turns platform events into `Incoming` (with roster ids for mentions) and
 * renders `Outgoing` for the platform. No business rules live here.
 */
export interface Channel extends OutboundChannel {
  /**
   * Delivers every event to `onEvent`, one at a time per chat as they arrive, and resolves when
   * the channel has ended: the console at the end of its input, a platform after `stop()`.
   */
  start(onEvent: (event: Incoming) => Promise<void>): Promise<void>;
  /** Stops listening; `start`'s promise then resolves. */
  stop(): Promise<void>;
}

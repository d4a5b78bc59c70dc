import type { Logger } from '../../logger';
import { KeyedQueue } from '../keyed-queue';
import { addressKey, type Outgoing } from '../../model/message';
import { RateWindow } from './rate-window';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry';
import { splitMessage, type TextLimit } from './split-message';
import { realTimer, type Timer } from './timer';

/** The least the outbound path needs from a channel. */
export interface OutboundTransport {
  /** Resolves with whatever the platform returns for a sent message (e.g. its message id). */
  send(out: Outgoing): Promise<unknown>;
  /** The longest text the platform takes in one message; unset: no limit (console, simulate). */
  readonly maxText?: TextLimit;
}

/** At most `count` sends in any `windowMs` milliseconds. */
export interface RateLimit {
  count: number;
  windowMs: number;
}

/**
 * How fast the platform lets the bot send, for the whole account and into any one chat: Lark's
 * are per second (50 and 5), a personal WeChat account's per minute and a least gap per chat.
 */
export interface SendLimits {
  perApp: RateLimit;
  perChat: RateLimit;
}

export interface OutboundOptions {
  log: Logger;
  /** Unset: no pacing (simulate's virtual time, tests). */
  limits?: SendLimits;
  retry?: RetryPolicy;
  timer?: Timer;
}

/**
 * The one way out for everything the bot says — replies, reminders, notices. Messages to one chat
 * leave in the order they were handed over, each fully delivered (all its pieces, with retries)
 * before the next starts, so a reply is never overtaken by a reminder sent at the same moment and
 * a failing message is not skipped by the ones after it. Chats do not wait for each other, except
 * for the app-wide rate limit.
 */
export class OutboundSender {
  readonly #transport: OutboundTransport;
  readonly #log: Logger;
  readonly #retry: RetryPolicy;
  readonly #timer: Timer;
  readonly #queue = new KeyedQueue();
  /** The app-wide window and the per-chat limit; unset when sends are not paced. */
  readonly #pacing: { app: RateWindow; perChat: RateLimit } | undefined;
  readonly #chatWindows = new Map<string, RateWindow>();

  constructor(transport: OutboundTransport, options: OutboundOptions) {
    this.#transport = transport;
    this.#log = options.log;
    this.#retry = options.retry ?? DEFAULT_RETRY;
    this.#timer = options.timer ?? realTimer;
    const limits = options.limits;
    this.#pacing = limits && { app: new RateWindow(limits.perApp.count, limits.perApp.windowMs), perChat: limits.perChat };
  }

  /**
   * Delivers `out` after everything handed over earlier for the same chat: split to the channel's
   * length limit, paced, and retried on transient errors. `afterDelivery` runs still in the chat's
   * turn, so bookkeeping about "the chat's latest message" follows the order of delivery. Rejects
   * with the last error if a piece cannot be delivered; the caller decides what then (the outbox
   * keeps the message for a later retry, a handler's error path logs it with a reference).
   * Resolves with the platform's answer for each piece.
   */
  send(out: Outgoing, afterDelivery?: (results: unknown[]) => Promise<void>): Promise<unknown[]> {
    const chat = addressKey(out.to);
    return this.#queue.run(chat, async () => {
      const results: unknown[] = [];
      for (const piece of splitMessage(out, this.#transport.maxText)) {
        results.push(
          await withRetry(
            async () => {
              await this.#pace(chat);
              return this.#transport.send(piece);
            },
            this.#retry,
            this.#timer,
            (error, retry, delayMs) => this.#log.warn({ err: error, to: out.to, retry, delayMs }, 'send failed; retrying'),
          ),
        );
      }
      await afterDelivery?.(results);
      return results;
    });
  }

  /** Waits for a slot free under both the chat's and the app's limit, and takes it in both. */
  async #pace(chat: string): Promise<void> {
    if (!this.#pacing) return;
    const now = this.#timer.now();
    for (const [key, window] of this.#chatWindows) if (window.idleAt(now)) this.#chatWindows.delete(key);
    const chatWindow = this.#chatWindows.get(chat) ?? new RateWindow(this.#pacing.perChat.count, this.#pacing.perChat.windowMs);
    this.#chatWindows.set(chat, chatWindow);
    const slot = this.#pacing.app.reserve(chatWindow.next(now));
    chatWindow.take(slot);
    if (slot > now) await this.#timer.sleep(slot - now);
  }
}

import type { DeliveryFailure, DeliveryProblem } from '../../model/delivery-problem';

/**
 * What a channel throws when a platform refuses a send, saying whether trying again can help and,
 * in channel-neutral words, what was wrong. Only the channel knows its platform's error codes
 * (Lark's 99991400 "rate limited" is worth a retry, 230002 "bot not in chat" is not), so it
 * classifies and the outbound path, the outbox and the admins' notice decide from that.
 */
export class TransportError extends Error implements DeliveryFailure {
  /** A timeout, a dropped connection, a rate limit or a 5xx: the same send may succeed later. */
  readonly transient: boolean;
  /** How long the platform asked us to wait (a Retry-After header), if it said. */
  readonly retryAfterMs?: number;
  /** What the platform said, as the admins' notice explains it; 'other' when it has no name. */
  readonly problem: DeliveryProblem;
  /** The platform's raw error code, for the log (e.g. "230002", "HTTP 502"). */
  readonly code?: string;

  constructor(message: string, options: { transient: boolean; retryAfterMs?: number; problem?: DeliveryProblem; code?: string; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'TransportError';
    this.transient = options.transient;
    this.retryAfterMs = options.retryAfterMs;
    this.problem = options.problem ?? 'other';
    this.code = options.code;
  }
}

/**
 * Whether a failed send is worth retrying at once. Anything a channel did not classify counts as
 * permanent: an unknown failure may have been delivered after all, and a blind retry would post
 * the message twice.
 */
export function isTransient(error: unknown): error is TransportError {
  return error instanceof TransportError && error.transient;
}

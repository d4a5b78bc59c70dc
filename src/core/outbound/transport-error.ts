/**
 * What a channel throws when a platform refuses a send, saying whether trying again can help.
 * Only the channel knows its platform's error codes (Lark's 99991400 "rate limited" is worth a
 * retry, "bot not in chat" is not), so it classifies and the outbound path decides from that.
 */
export class TransportError extends Error {
  /** A timeout, a dropped connection, a rate limit or a 5xx: the same send may succeed later. */
  readonly transient: boolean;
  /** How long the platform asked us to wait (a Retry-After header), if it said. */
  readonly retryAfterMs?: number;

  constructor(message: string, options: { transient: boolean; retryAfterMs?: number; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'TransportError';
    this.transient = options.transient;
    this.retryAfterMs = options.retryAfterMs;
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

import { isTransient, type TransportError } from './transport-error';
import type { Timer } from './timer';

/**
 * How hard one send is tried before its caller hears of the failure. A platform hiccup (a
 * timeout, a rate-limit answer) usually clears within seconds; longer outages are the outbox's
 * business, which retries over minutes and hours, so the cap here is small.
 */
export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** The wait before the first retry; each further one waits twice as long, up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, firstDelayMs: 500, maxDelayMs: 4000 };

/** The wait before retry number `retry` (1 for the first): doubling back-off, or longer if the platform asked. */
export function retryDelay(policy: RetryPolicy, retry: number, error: TransportError): number {
  const backoff = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (retry - 1));
  return Math.max(backoff, error.retryAfterMs ?? 0);
}

/**
 * Runs `attempt` until it succeeds, fails permanently, or has been tried `policy.attempts` times;
 * then rethrows the last error.
 */
export async function withRetry<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  timer: Timer,
  onRetry: (error: TransportError, retry: number, delayMs: number) => void,
): Promise<T> {
  for (let tried = 1; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isTransient(error) || tried >= policy.attempts) throw error;
      const delay = retryDelay(policy, tried, error);
      onRetry(error, tried, delay);
      await timer.sleep(delay);
    }
  }
}

import { TransportError } from '../../core/outbound/transport-error';
import type { DeliveryProblem } from '../../model/delivery-problem';

/** Codes worth a retry: HTTP 429, the app's rate limit (99991400), the chat's rate limit (230020). */
export const TRANSIENT_CODES = new Set([429, 99991400, 230020]);

/**
 * Feishu's refusals that a person has to fix (the admins' notice says how), by code. Any other
 * permanent refusal is 'other' and shows its code.
 */
export const PROBLEM_BY_CODE = new Map<number, DeliveryProblem>([
  // The bot is not in the group (never added, or removed).
  [230002, 'not_in_chat'],
  // The user is outside the app's availability scope (可用范围).
  [230013, 'outside_availability'],
  // The user has stopped the bot from sending them messages.
  [230053, 'blocked'],
  // The message did not pass Feishu's content audit.
  [230028, 'content_rejected'],
]);

/**
 * A failed HTTP call as a TransportError. Feishu answers a rate limit with HTTP 429 (or a 4xx
 * carrying 99991400/230020) and says when to come back in `x-ogw-ratelimit-reset` (seconds). With
 * no answer at all, a retry is only safe when the send carries a `uuid`, which Feishu dedupes.
 */
export function classifyHttpError(error: unknown, idempotent: boolean): TransportError {
  const response = (error as { response?: { status?: number; data?: { code?: number; msg?: string }; headers?: Record<string, unknown> } }).response;
  if (!response) {
    return new TransportError(`lark send failed without an answer: ${String((error as Error).message ?? error)}`, { transient: idempotent, cause: error });
  }
  const code = response.data?.code;
  const transient = TRANSIENT_CODES.has(response.status ?? 0) || (code !== undefined && TRANSIENT_CODES.has(code));
  const resetSeconds = Number(response.headers?.['x-ogw-ratelimit-reset']);
  return new TransportError(`lark refused the message: HTTP ${response.status} code ${code ?? '-'} ${response.data?.msg ?? ''}`.trim(), {
    transient,
    ...(transient && Number.isFinite(resetSeconds) && resetSeconds >= 0 ? { retryAfterMs: resetSeconds * 1000 } : {}),
    problem: problemOf(code),
    code: code === undefined ? `HTTP ${response.status}` : String(code),
    cause: error,
  });
}

/** Feishu answered with a non-zero code in a 200 response. */
export function refusedError(code: number, msg: string | undefined): TransportError {
  return new TransportError(`lark refused the message: code ${code} ${msg ?? ''}`.trim(), { transient: TRANSIENT_CODES.has(code), problem: problemOf(code), code: String(code) });
}

function problemOf(code: number | undefined): DeliveryProblem {
  return (code !== undefined && PROBLEM_BY_CODE.get(code)) || 'other';
}

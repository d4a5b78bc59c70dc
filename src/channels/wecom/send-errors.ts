import { TransportError } from '../../core/outbound/transport-error';

/** WeCom's answers worth a retry: system busy (-1), over the call frequency limit (45009). */
const TRANSIENT_CODES = new Set([-1, 45009]);

/**
 * A failed send as a TransportError. The SDK rejects with WeCom's answer frame (errcode, errmsg)
 * when WeCom refuses, or with an Error: "not connected" means nothing left (the long connection is
 * being re-established), so a retry is safe; an ack that never came may still have been
 * delivered, and WeCom has no send dedupe, so that one is not retried blindly.
 */
export function sendError(error: unknown): TransportError {
  const refusal = error as { errcode?: unknown; errmsg?: unknown };
  if (typeof refusal?.errcode === 'number') {
    const code = refusal.errcode;
    return new TransportError(`wecom refused the message: errcode ${code} ${String(refusal.errmsg ?? '')}`.trim(), {
      transient: TRANSIENT_CODES.has(code),
      code: String(code),
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new TransportError(`wecom send failed: ${message}`, { transient: /not connected/i.test(message), cause: error });
}

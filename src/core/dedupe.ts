import type { Store } from '../store/store';

/** How long a handled message id is remembered; platforms redeliver within minutes, not days. */
export const SEEN_RETENTION_DAYS = 7;

/**
 * Records a platform message as handled and says whether this is its first delivery. Lark
 * redelivers an event when the ack is slow and WeChat may replay after a reconnect; the log is
 * persisted so a restart in between does not answer twice. The id is recorded before handling:
 * a crash mid-handling loses one reply rather than repeating its effects.
 */
export function recordFirstDelivery(store: Store, key: string, now: Date): Promise<boolean> {
  if (store.data.seenMessages[key]) return Promise.resolve(false);
  return store.update((db) => {
    if (db.seenMessages[key]) return false;
    db.seenMessages[key] = now.toISOString();
    return true;
  });
}

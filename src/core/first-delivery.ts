import type { Store } from '../store/store';

/**
 * Records a platform message as handled and says whether this is its first delivery. Lark
 * redelivers an event when the ack is slow and WeChat may replay after a reconnect; the log is
 * persisted so a restart in between does not answer twice. The id is recorded before handling:
 * a crash mid-handling loses one reply rather than repeating its effects.
 */
export function recordFirstDelivery(store: Store, key: string, now: Date): Promise<boolean> {
  if (store.view.seen.has(key)) return Promise.resolve(false);
  return store.change((tx) => tx.seen.note(key, now));
}

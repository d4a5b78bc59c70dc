import type { Job } from '../scheduler/job';
import type { Store } from '../store/store';
import { localDateTime } from '../time';
import { SEEN_RETENTION_DAYS } from './dedupe';

/**
 * Nightly at 03:00: forget old message ids and cards that wait no more, and keep only the keys of
 * outbox entries done for days, so db.json — written at every change — stays small.
 */
export function housekeepingJob(store: Store): Job {
  return {
    name: 'housekeeping',
    nextRun(after) {
      const local = localDateTime(after);
      const today = local.set({ hour: 3, minute: 0, second: 0, millisecond: 0 });
      return (today > local ? today : today.plus({ days: 1 })).toJSDate();
    },
    async run(now) {
      await store.change((tx) => {
        tx.seen.forgetBefore(new Date(now.getTime() - SEEN_RETENTION_DAYS * 86_400_000));
        tx.outbox.archiveDone(now);
        tx.cards.forgetOld(now);
      });
    },
  };
}

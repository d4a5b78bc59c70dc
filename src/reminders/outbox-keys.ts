import { monthOf } from '../tasks/period';
import type { Db, OutboxEntry } from '../store/schema';

/**
 * How long an outbox entry that is done (sent, or failed for good) stays whole. After that only
 * its keys are kept (db.outboxArchive, in its month's history file): they are all the planner
 * needs to never plan it again, and the hot file stays small however many months go by.
 */
export const DONE_ENTRY_DAYS = 3;

const cache = new WeakMap<readonly OutboxEntry[], { archive: Db['outboxArchive']; length: number; keys: ReadonlySet<string> }>();

/**
 * Every key the outbox has recorded, pending, done or archived: what makes a reminder "already
 * sent". Built once per state of the outbox, not once per question asked of it.
 */
export function recordedKeys(db: Readonly<Db>): ReadonlySet<string> {
  const cached = cache.get(db.outbox);
  // The store's state is immutable (a change is a new array); a working copy grows in place (preview.ts).
  if (cached && cached.archive === db.outboxArchive && cached.length === db.outbox.length) return cached.keys;
  const keys = new Set<string>();
  for (const list of Object.values(db.outboxArchive)) for (const key of list) keys.add(key);
  for (const entry of db.outbox) for (const key of entry.keys) keys.add(key);
  cache.set(db.outbox, { archive: db.outboxArchive, length: db.outbox.length, keys });
  return keys;
}

/** Moves entries done for longer than DONE_ENTRY_DAYS to the archive of their month, keys only. */
export function archiveDoneEntries(db: Db, now: Date): void {
  const cutoff = new Date(now.getTime() - DONE_ENTRY_DAYS * 86_400_000).toISOString();
  const isOld = (e: OutboxEntry) => e.status !== 'pending' && (e.sentAt ?? e.failedAt ?? e.createdAt) < cutoff;
  const old = db.outbox.filter(isOld);
  if (!old.length) return;
  for (const entry of old) {
    const month = monthOf(new Date(entry.createdAt));
    db.outboxArchive[month] = [...(db.outboxArchive[month] ?? []), ...entry.keys];
  }
  db.outbox = db.outbox.filter((e) => !isOld(e));
}

import { randomUUID } from 'node:crypto';
import type { Outgoing } from '../model/message';
import type { Db, PendingPublication, PublishedRanking, RankingRow } from '../store/schema';
import type { Store } from '../store/store';
import type { MonthKey } from '../tasks/period';

/** The ranking in force for a month: the latest published version (a correction replaces the first). */
export function publishedRanking(db: Readonly<Db>, month: MonthKey): PublishedRanking | undefined {
  return db.rankings.filter((r) => r.month === month).at(-1);
}

/** The months with a published ranking, most recent first. */
export function publishedMonths(db: Readonly<Db>): MonthKey[] {
  return [...new Set(db.rankings.map((r) => r.month))].sort().reverse();
}

/** A section's line in each published month, oldest first. */
export function sectionHistory(db: Readonly<Db>, sectionId: string): Array<{ month: MonthKey; row: RankingRow }> {
  return publishedMonths(db)
    .reverse()
    .flatMap((month) => {
      const row = publishedRanking(db, month)!.rows.find((r) => r.sectionId === sectionId);
      return row ? [{ month, row }] : [];
    });
}

/** What an admin was shown and may confirm with 确认发布 (one at a time per admin). */
export function pendingPublication(db: Readonly<Db>, adminId: string): PendingPublication | undefined {
  return db.pendingPublications[adminId];
}

/** The other admins' publications still awaiting their confirmation, by admin id. */
export function othersPending(db: Readonly<Db>, adminId: string, now: Date): Array<[string, PendingPublication]> {
  return Object.entries(db.pendingPublications).filter(([id, p]) => id !== adminId && now < new Date(p.expiresAt));
}

export function setPending(store: Store, adminId: string, pending: PendingPublication): Promise<void> {
  return store.update((db) => {
    db.pendingPublications[adminId] = pending;
  });
}

export function dropPending(store: Store, adminId: string): Promise<void> {
  return store.update((db) => {
    delete db.pendingPublications[adminId];
  });
}

/**
 * Records a confirmed publication, queues the notice for the group in the outbox and closes the
 * pending confirmation, all in one update before anything is sent: a crash or a failed send then
 * leaves the notice to the outbox's retries (within working hours), never stored as published
 * but not posted, nor confirmable twice. Returns the outbox entry's id.
 */
export async function savePublished(store: Store, adminId: string, ranking: PublishedRanking, notice: Outgoing): Promise<string> {
  const id = randomUUID();
  await store.update((db) => {
    db.rankings.push(ranking);
    db.outbox.push({ id, keys: [`${ranking.month}|ranking-notice|${ranking.publishedAt}`], message: notice, createdAt: ranking.publishedAt, status: 'pending', attempts: 0, nextAttemptAt: ranking.publishedAt });
    delete db.pendingPublications[adminId];
  });
  return id;
}

/** The notice reached the group: its outbox entry is done. */
export function markPosted(store: Store, outboxId: string, now: Date): Promise<void> {
  return store.update((db) => {
    const entry = db.outbox.find((e) => e.id === outboxId);
    if (!entry) return;
    entry.status = 'sent';
    entry.sentAt = now.toISOString();
    entry.attempts++;
  });
}

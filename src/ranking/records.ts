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
 * Records a confirmed publication and closes its pending confirmation in one update, so a crash
 * can neither lose the record nor leave a confirmation that would publish it twice.
 */
export function savePublished(store: Store, adminId: string, ranking: PublishedRanking): Promise<void> {
  return store.update((db) => {
    db.rankings.push(ranking);
    delete db.pendingPublications[adminId];
  });
}

import type { Db, PublishedRanking, RankingRow } from '../store/schema';
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

export function savePublished(store: Store, ranking: PublishedRanking): Promise<void> {
  return store.update((db) => {
    db.rankings.push(ranking);
  });
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

import type { Db, PendingPublication, PublishedRanking, RankingRow } from '../store/schema';
import type { MonthKey } from '../tasks/period';

type RankingState = Pick<Db, 'rankings' | 'pendingPublications'>;

/** The published rankings and the publications awaiting 确认发布. */
export class RankingsView {
  constructor(protected readonly state: Readonly<RankingState>) {}

  /** The ranking in force for a month: the latest published version (a correction replaces the first). */
  published(month: MonthKey): PublishedRanking | undefined {
    return this.state.rankings.filter((r) => r.month === month).at(-1);
  }

  /** The months with a published ranking, most recent first. */
  publishedMonths(): MonthKey[] {
    return [...new Set(this.state.rankings.map((r) => r.month))].sort().reverse();
  }

  /** A section's line in each published month, oldest first. */
  sectionHistory(sectionId: string): Array<{ month: MonthKey; row: RankingRow }> {
    return this.publishedMonths()
      .reverse()
      .flatMap((month) => {
        const row = this.published(month)!.rows.find((r) => r.sectionId === sectionId);
        return row ? [{ month, row }] : [];
      });
  }

  /** What an admin was shown and may confirm with 确认发布 (one at a time per admin). */
  pending(adminId: string): PendingPublication | undefined {
    return this.state.pendingPublications[adminId];
  }

  /** The other admins' publications still awaiting their confirmation, by admin id. */
  othersPending(adminId: string, now: Date): Array<[string, PendingPublication]> {
    return Object.entries(this.state.pendingPublications).filter(([id, p]) => id !== adminId && now < new Date(p.expiresAt));
  }
}

export class RankingChanges extends RankingsView {
  declare protected readonly state: RankingState;

  setPending(adminId: string, pending: PendingPublication): void {
    this.state.pendingPublications[adminId] = pending;
  }

  dropPending(adminId: string): void {
    delete this.state.pendingPublications[adminId];
  }

  /** Records a publication, closing the admin's pending confirmation. */
  publish(adminId: string, ranking: PublishedRanking): void {
    this.state.rankings.push(ranking);
    this.dropPending(adminId);
  }
}

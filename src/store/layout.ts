import type { Db, Exemption, PointsItem, PublishedRanking, Submission } from './schema';

/**
 * How the state is laid out on disk. The hot state — conversations, the outbox, the message ids
 * seen, cards — lives in db.json and changes all the time; the history — submissions, 免报,
 * 积分 items, published rankings and the archived outbox keys — lives in one file per month,
 * history/<YYYY-MM>.json, so a write costs the month it touches, and a closed month's file is
 * never rewritten unless something in it changes (a correction).
 */

/** The month-keyed collections, each record carrying its `month`. */
const HISTORY = ['submissions', 'exemptions', 'pointsItems', 'rankings'] as const;
type HistoryCollection = (typeof HISTORY)[number];

export type HotState = Omit<Db, HistoryCollection | 'outboxArchive'>;

export interface MonthFile {
  month: string;
  submissions: Submission[];
  exemptions: Exemption[];
  pointsItems: PointsItem[];
  rankings: PublishedRanking[];
  /** Keys of compacted outbox entries created in this month. */
  outboxKeys: string[];
}

export function hotPart(db: Db): HotState {
  const { submissions: _s, exemptions: _e, pointsItems: _p, rankings: _r, outboxArchive: _a, ...hot } = db;
  return hot;
}

/** Whether anything in the hot part changed: with structural sharing, a changed part is a new object. */
export function hotChanged(before: Db, after: Db): boolean {
  const a = hotPart(before) as Record<string, unknown>;
  const b = hotPart(after) as Record<string, unknown>;
  return Object.keys(b).some((key) => a[key] !== b[key]);
}

/** The months whose history differs between two states: records added, removed or replaced. */
export function monthsChanged(before: Db, after: Db): Set<string> {
  const months = new Set<string>();
  for (const collection of HISTORY) {
    const was: ReadonlyArray<{ month: string }> = before[collection];
    const now: ReadonlyArray<{ month: string }> = after[collection];
    if (was === now) continue;
    if (now.length >= was.length) {
      // The usual change: records replaced in place or added at the end — compared position by position.
      for (let i = 0; i < was.length; i++) if (was[i] !== now[i]) months.add(was[i]!.month).add(now[i]!.month);
      for (let i = was.length; i < now.length; i++) months.add(now[i]!.month);
      continue;
    }
    const kept = new Set(now);
    const had = new Set(was);
    for (const record of was) if (!kept.has(record)) months.add(record.month);
    for (const record of now) if (!had.has(record)) months.add(record.month);
  }
  for (const month of new Set([...Object.keys(before.outboxArchive), ...Object.keys(after.outboxArchive)])) {
    if (before.outboxArchive[month] !== after.outboxArchive[month]) months.add(month);
  }
  return months;
}

/** Every month that has any history. */
export function monthsOf(db: Db): Set<string> {
  return new Set([...HISTORY.flatMap((c) => (db[c] as ReadonlyArray<{ month: string }>).map((r) => r.month)), ...Object.keys(db.outboxArchive)]);
}

export function monthFile(db: Db, month: string): MonthFile {
  const inMonth = <R extends { month: string }>(records: readonly R[]) => records.filter((r) => r.month === month);
  return {
    month,
    submissions: inMonth(db.submissions),
    exemptions: inMonth(db.exemptions),
    pointsItems: inMonth(db.pointsItems),
    rankings: inMonth(db.rankings),
    outboxKeys: db.outboxArchive[month] ?? [],
  };
}

/** The state from db.json and the month files, months in order. */
export function assemble(hot: HotState, months: MonthFile[]): Db {
  const sorted = [...months].sort((a, b) => a.month.localeCompare(b.month));
  return {
    ...hot,
    submissions: sorted.flatMap((m) => m.submissions),
    exemptions: sorted.flatMap((m) => m.exemptions),
    pointsItems: sorted.flatMap((m) => m.pointsItems),
    rankings: sorted.flatMap((m) => m.rankings),
    outboxArchive: Object.fromEntries(sorted.filter((m) => m.outboxKeys.length).map((m) => [m.month, m.outboxKeys])),
  };
}

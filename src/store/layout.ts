import { z } from '../zod';
import { dbSchema, type Db, type Exemption, type PointsItem, type PublishedRanking, type Submission } from './schema';

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

/**
 * The hot state and a month's file as this release writes them, each checked on its own at start:
 * what was read is let go as it is checked, rather than the whole state held twice at once.
 */
export const hotSchema = dbSchema.omit({ submissions: true, exemptions: true, pointsItems: true, rankings: true, outboxArchive: true });
export const monthSchema = z.object({
  month: z.string(),
  submissions: dbSchema.shape.submissions,
  exemptions: dbSchema.shape.exemptions,
  pointsItems: dbSchema.shape.pointsItems,
  rankings: dbSchema.shape.rankings,
  outboxKeys: z.array(z.string()),
});

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

/**
 * The hot maps that grow with the department — message ids seen, conversations, pending
 * publications, the cards sent and every thread's latest message — are written key by key: a
 * change to one card costs that card, not every card. Paths into the hot state.
 */
export const KEYED_PARTS: ReadonlyArray<readonly [string] | readonly [string, string]> = [['seenMessages'], ['conversations'], ['pendingPublications'], ['cards', 'sent'], ['cards', 'latest']];

/**
 * One change to the hot state: a key of a keyed map set (`value`) or removed (no `value`), or a
 * part — a top-level field, its keyed maps left out — replaced whole. Setting or removing a key
 * twice ends the same as once, so a change written again after a crash is harmless.
 */
export type HotChange = { map: string; key: string; value?: unknown } | { part: string; value: unknown };

/** The name of a keyed map: its path joined with dots ('cards.sent'). */
export function mapName(map: readonly string[]): string {
  return map.join('.');
}

/**
 * What changed in the hot state between two states (everything, from nothing): with structural
 * sharing a changed record is a new object, so comparing references finds it without a walk of
 * the records themselves.
 */
export function hotChanges(before: Db | undefined, after: Db): HotChange[] {
  const was = (before ? hotPart(before) : {}) as Record<string, unknown>;
  const now = hotPart(after) as Record<string, unknown>;
  const changes: HotChange[] = [];
  for (const part of Object.keys(now)) {
    if (was[part] === now[part]) continue;
    const maps = KEYED_PARTS.filter((m) => m[0] === part);
    for (const map of maps) {
      const from = (at(was, map) ?? {}) as Record<string, unknown>;
      const to = at(now, map) as Record<string, unknown>;
      if (from === to) continue;
      // for…in rather than Object.entries: the message ids seen run to thousands, compared at every commit.
      for (const key in to) if (from[key] !== to[key]) changes.push({ map: mapName(map), key, value: to[key] });
      for (const key in from) if (!(key in to)) changes.push({ map: mapName(map), key });
    }
    if (maps.some((m) => m.length === 1)) continue;
    const rest = withoutMaps(now[part], maps);
    if (part in was && shallowEqual(withoutMaps(was[part], maps), rest)) continue;
    changes.push({ part, value: rest });
  }
  return changes;
}

/** Applies changes to a hot state read as plain JSON (a part absent yet is created), in order. */
export function applyHotChanges(hot: Record<string, unknown>, changes: readonly HotChange[]): void {
  for (const change of changes) {
    if ('part' in change) {
      const maps = KEYED_PARTS.filter((m) => m[0] === change.part && m.length === 2);
      const kept = Object.fromEntries(maps.map((m) => [m[1], at(hot, m) ?? {}]));
      hot[change.part] = maps.length ? { ...(change.value as object), ...kept } : change.value;
      continue;
    }
    const path = change.map.split('.');
    let container = hot;
    for (const step of path) container = (container[step] ??= {}) as Record<string, unknown>;
    if ('value' in change && change.value !== undefined) container[change.key] = change.value;
    else delete container[change.key];
  }
}

function at(hot: Record<string, unknown>, path: readonly string[]): unknown {
  let value: unknown = hot;
  for (const step of path) value = (value as Record<string, unknown> | undefined)?.[step];
  return value;
}

/** A part without its keyed maps (they are written key by key). */
function withoutMaps(value: unknown, maps: ReadonlyArray<readonly string[]>): unknown {
  if (!maps.length) return value;
  const rest = { ...(value as Record<string, unknown>) };
  for (const m of maps) delete rest[m[1]!];
  return rest;
}

function shallowEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || !a || !b || Array.isArray(a) || Array.isArray(b)) return false;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k]);
}

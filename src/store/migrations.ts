import { DB_VERSION } from './schema';

type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * MIGRATIONS[n] turns a version-n file into version n+1. Each step is kept forever so that a
 * data file from any older release can be opened.
 */
const MIGRATIONS: Record<number, Migration> = {
  // Version 0: the unversioned prototype file, which held only the seen-message log.
  0: (data) => ({
    version: 1,
    seenMessages: data.seenMessages ?? {},
    conversations: {},
    choices: {},
  }),
  // Version 2: monthly submissions and 机关信用积分 items.
  1: (data) => ({ ...data, version: 2, submissions: [], pointsItems: [] }),
  // Version 3: 免报 exemptions and the outbox of reminders.
  2: (data) => ({ ...data, version: 3, exemptions: [], outbox: [] }),
  // Version 4: published ranking notices.
  3: (data) => ({ ...data, version: 4, rankings: [] }),
  // Version 5: set-aside forms, ranking notices awaiting 确认发布, the reminder job's own state, and
  // the cards sent (which replace the one remembered button list per chat, `choices`).
  4: ({ choices: _choices, ...data }) => ({ ...data, version: 5, parkedForms: [], pendingPublications: {}, reminderState: {}, cards: { sent: {}, latest: {} } }),
  // Version 6: the keys of compacted outbox entries. From here the file is split: the month-keyed
  // history goes to history/<month>.json beside db.json (layout.ts).
  5: (data) => ({ ...data, version: 6, outboxArchive: {} }),
};

export function versionOf(data: Record<string, unknown>): number {
  return typeof data.version === 'number' ? data.version : 0;
}

/** Applies every step from the file's version up to DB_VERSION. */
export function migrate(data: Record<string, unknown>): Record<string, unknown> {
  let current = data;
  for (let v = versionOf(current); v < DB_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new Error(`no migration from version ${v}`);
    current = step(current);
  }
  return current;
}

import type { Roster } from '../org/roster';
import type { Db } from '../store/schema';
import type { TaskCatalog } from '../tasks/catalog';
import { monthsAround, planReminders, ruleWindows, type PlannedMessage } from './planner';

export interface PreviewEntry {
  at: Date;
  planned: PlannedMessage;
}

/**
 * What the planner will send over the coming days if nothing else changes: it is asked at every
 * rule time in the span, on a copy of the state in which each planned message counts as sent.
 */
export function previewReminders(now: Date, days: number, catalog: TaskCatalog, roster: Roster, db: Readonly<Db>): PreviewEntry[] {
  const end = now.getTime() + days * 86_400_000;
  const times = new Set<number>([now.getTime()]);
  for (const month of monthsAround(new Date(end)).concat(monthsAround(now))) {
    for (const task of catalog.tasks) {
      for (const w of ruleWindows(task, month, catalog)) if (w.from.getTime() > now.getTime() && w.from.getTime() <= end) times.add(w.from.getTime());
    }
  }
  const copy = structuredClone(db) as Db;
  const entries: PreviewEntry[] = [];
  for (const time of [...times].sort((a, b) => a - b)) {
    const at = new Date(time);
    for (const planned of planReminders(at, catalog, roster, copy)) {
      entries.push({ at, planned });
      copy.outbox.push({ id: `preview-${entries.length}`, keys: planned.keys, message: planned.message, createdAt: at.toISOString(), status: 'sent', attempts: 0, nextAttemptAt: at.toISOString() });
    }
  }
  return entries;
}

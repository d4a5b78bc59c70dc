import type { Roster } from '../org/roster';
import type { Db } from '../store/schema';
import type { TaskCatalog } from '../tasks/catalog';
import type { PlannedMessage } from '../model/planned-message';
import { isWorkingTime, nextWake, planRun } from './planner';

export interface PreviewEntry {
  at: Date;
  planned: PlannedMessage;
}

/**
 * What the reminder job will send over the coming days if nothing else changes: the job's own
 * computation (`planRun` at each `nextWake`), run on a copy of the store in which every planned
 * message counts as sent. Messages waiting for working hours show at the time they go out.
 */
export function previewReminders(now: Date, days: number, catalog: TaskCatalog, roster: Roster, db: Readonly<Db>): PreviewEntry[] {
  const end = now.getTime() + days * 86_400_000;
  const copy = structuredClone(db) as Db;
  const entries: PreviewEntry[] = [];
  for (let at: Date | null = now; at && at.getTime() <= end; at = nextWake(at, catalog, copy)) {
    const { planned, state } = planRun(at, catalog, roster, copy);
    copy.reminderState = state;
    for (const p of planned) copy.outbox.push({ id: `preview-${copy.outbox.length}`, keys: p.keys, message: p.message, createdAt: at.toISOString(), status: 'pending', attempts: 0, nextAttemptAt: at.toISOString() });
    if (!isWorkingTime(at, catalog)) continue;
    for (const entry of copy.outbox.filter((e) => e.status === 'pending' && new Date(e.nextAttemptAt) <= at!)) {
      entry.status = 'sent';
      if (entry.id.startsWith('preview-')) entries.push({ at, planned: { keys: entry.keys, message: entry.message } });
    }
  }
  return entries;
}

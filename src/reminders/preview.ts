import type { Roster } from '../org/roster';
import type { PlanningView } from './planner';
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
export function previewReminders(now: Date, days: number, catalog: TaskCatalog, roster: Roster, view: PlanningView): PreviewEntry[] {
  const end = now.getTime() + days * 86_400_000;
  const outbox = view.outbox.workingCopy();
  const copy: PlanningView = { ...view, outbox };
  const entries: PreviewEntry[] = [];
  for (let at: Date | null = now; at && at.getTime() <= end; at = nextWake(at, catalog, outbox)) {
    const { planned, state } = planRun(at, catalog, roster, copy);
    outbox.setReminderState(state);
    outbox.record(planned, at);
    if (!isWorkingTime(at, catalog)) continue;
    for (let entry = outbox.nextDue(at, () => true); entry; entry = outbox.nextDue(at, () => true)) {
      outbox.markSent(entry.id, at);
      if (!view.outbox.entry(entry.id)) entries.push({ at, planned: { keys: entry.keys, message: entry.message } });
    }
  }
  return entries;
}

import type { Outgoing } from '../core/message';
import type { Logger } from '../logger';
import type { Roster } from '../org/roster';
import type { Job } from '../scheduler/job';
import type { Store } from '../store/store';
import type { TaskCatalog } from '../tasks/catalog';
import { draftTime } from '../ranking/draft';
import { nextMonth } from '../tasks/period';
import { deliverPending, nextRetryAt, recordPlanned } from './outbox';
import { calendarNoticePending, isWorkingTime, monthsAround, nextWorkingTime, planReminders, ruleWindows } from './planner';

export interface ReminderJobParts {
  store: Store;
  catalog: TaskCatalog;
  roster: Roster;
  send: (out: Outgoing) => Promise<void>;
  log: Logger;
}

/**
 * The one reminder job: at each rule's time (and once at startup, to catch up after downtime)
 * it asks the planner what is due, records it in the outbox, and delivers what is pending.
 */
export function reminderJob({ store, catalog, roster, send, log }: ReminderJobParts): Job {
  return {
    name: 'reminders',
    runAtStartup: true,

    nextRun(after) {
      const months = monthsAround(after);
      months.push(nextMonth(months.at(-1)!));
      const starts = months.flatMap((m) => catalog.tasks.flatMap((task) => ruleWindows(task, m, catalog).map((w) => w.from.getTime())));
      starts.push(...months.map((m) => draftTime(m, catalog).getTime()));
      // A pending retry, or a calendar notice, is sent at the next working moment.
      if (calendarNoticePending(after, roster, store.data)) starts.push(nextWorkingTime(new Date(after.getTime() + 60_000), catalog).getTime());
      const retry = nextRetryAt(store);
      if (retry) starts.push(nextWorkingTime(new Date(Math.max(retry.getTime(), after.getTime() + 60_000)), catalog).getTime());
      const future = starts.filter((t) => t > after.getTime());
      return future.length ? new Date(Math.min(...future)) : null;
    },

    async run(now) {
      const planned = planReminders(now, catalog, roster, store.data);
      if (planned.length) await recordPlanned(store, planned, now);
      if (isWorkingTime(now, catalog)) await deliverPending(store, send, now, log);
    },
  };
}

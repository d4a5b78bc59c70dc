import { isDeepStrictEqual } from 'node:util';
import type { Outgoing } from '../model/message';
import type { Logger } from '../logger';
import type { Roster } from '../org/roster';
import type { Job } from '../scheduler/job';
import type { Store } from '../store/store';
import type { TaskCatalog } from '../tasks/catalog';
import { deliverPending, recordPlanned } from './outbox';
import { isWorkingTime, nextWake, planRun } from './planner';

export interface ReminderJobParts {
  store: Store;
  catalog: TaskCatalog;
  roster: Roster;
  send: (out: Outgoing) => Promise<void>;
  log: Logger;
}

/**
 * The one reminder job: every working day at the pass times (and once at startup, to catch up
 * after downtime) it asks the planner what is due, records it in the outbox with the passes
 * made, and delivers what is pending.
 */
export function reminderJob({ store, catalog, roster, send, log }: ReminderJobParts): Job {
  return {
    name: 'reminders',
    runAtStartup: true,

    nextRun(after) {
      return nextWake(after, catalog, store.view.outbox);
    },

    async run(now) {
      const { planned, state } = planRun(now, catalog, roster, store.view);
      if (planned.length || !isDeepStrictEqual(state, store.view.outbox.reminderState())) await recordPlanned(store, planned, now, state);
      if (isWorkingTime(now, catalog)) await deliverPending(store, send, now, log, roster);
    },
  };
}

import type { Outgoing } from '../model/message';
import type { Logger } from '../logger';
import type { Roster } from '../org/roster';
import { t } from '../prompts';
import { deliverPending, recordPlanned } from '../reminders/outbox';
import type { Job } from '../scheduler/job';
import type { Store } from '../store/store';
import { formatDayTime } from '../time';
import type { Conversations } from './conversations';
import { parkedUntil, PARKED_RETENTION_DAYS } from './lifetime';

export interface FormLapseJobParts {
  store: Store;
  conversations: Conversations;
  roster: Roster;
  send: (out: Outgoing) => Promise<void>;
  log: Logger;
}

/**
 * Half-filled forms over time: a direct message before one lapses (through the outbox, keyed by
 * the form and its expiry, so it is sent once across restarts); at its expiry the form moves to
 * the set-aside list as 过期, where 继续填报 restores it for a week; after that it is pruned.
 */
export function formLapseJob({ store, conversations, roster, send, log }: FormLapseJobParts): Job {
  const reminderKey = (key: string, expiresAt: string) => `form-lapse|${key}|${expiresAt}`;
  const recorded = () => store.view.outbox.recordedKeys();

  return {
    name: 'form-lapse',
    runAtStartup: true,

    nextRun(after) {
      const sent = recorded();
      const times: number[] = [];
      for (const [key, state] of store.view.forms.openForms()) {
        const expiry = new Date(state.expiresAt);
        if (!sent.has(reminderKey(key, state.expiresAt))) times.push(conversations.lifetime.reminderAt(expiry).getTime());
        times.push(expiry.getTime());
      }
      for (const parked of store.view.forms.allParked()) times.push(parkedUntil(parked.parkedAt).getTime());
      const future = times.filter((time) => time > after.getTime());
      return future.length ? new Date(Math.min(...future)) : null;
    },

    async run(now) {
      const sent = recorded();
      const planned = store.view.forms.openForms()
        .filter(([key, state]) => {
          const expiry = new Date(state.expiresAt);
          return conversations.lifetime.reminderAt(expiry) <= now && now < expiry && !sent.has(reminderKey(key, state.expiresAt));
        })
        .map(([key, state]) => ({
          keys: [reminderKey(key, state.expiresAt)],
          message: {
            to: { kind: 'direct' as const, personId: key.slice(key.indexOf('|') + 1) },
            mentions: [],
            content: { text: t('forms.lapse_reminder', { form: conversations.describe(state, roster), at: formatDayTime(new Date(state.expiresAt)), days: PARKED_RETENTION_DAYS }) },
          },
        }));
      if (planned.length) {
        await recordPlanned(store, planned, now);
        await deliverPending(store, send, now, log, roster);
      }
      const nowIso = now.toISOString();
      const lapsed = store.view.forms.openForms().filter(([, state]) => state.expiresAt <= nowIso);
      const stale = store.view.forms.allParked().filter((p) => parkedUntil(p.parkedAt) <= now);
      if (!lapsed.length && !stale.length) return;
      await store.change((tx) => {
        for (const [key, state] of lapsed) {
          const flow = conversations.flow(state.flow);
          if (flow && flow.version === state.version) tx.forms.park(key, flow.subject, 'lapsed', state.expiresAt);
          else tx.forms.drop(key);
        }
        tx.forms.dropParked((p) => parkedUntil(p.parkedAt) <= now);
      });
    },
  };
}

import { randomUUID } from 'node:crypto';
import type { Outgoing } from '../model/message';
import type { Logger } from '../logger';
import type { OutboxEntry, ReminderState } from '../store/schema';
import type { Store } from '../store/store';
import type { PlannedMessage } from '../model/planned-message';

/** Minutes to wait before the n-th retry of a failed send: soon at first, then hourly. */
const RETRY_MINUTES = [1, 5, 15, 60];

/**
 * Records planned messages in the store before anything is sent. Their keys are what makes a
 * reminder "already sent" for the planner, so a restart or a second tick never plans it again.
 * Keys recorded meanwhile by someone else are dropped here too. The job's bookkeeping (which
 * day's passes ran) goes in the same update, so a crash cannot separate the two.
 */
export function recordPlanned(store: Store, planned: PlannedMessage[], now: Date, state?: ReminderState): Promise<void> {
  return store.update((db) => {
    if (state) db.reminderState = state;
    const recorded = new Set(db.outbox.flatMap((e) => e.keys));
    for (const { keys, message } of planned) {
      if (keys.every((k) => recorded.has(k))) continue;
      db.outbox.push({ id: randomUUID(), keys, message, createdAt: now.toISOString(), status: 'pending', attempts: 0, nextAttemptAt: now.toISOString() });
      for (const k of keys) recorded.add(k);
    }
  });
}

/**
 * Sends every pending message whose time has come (`only`: those it picks), marking each sent as it goes. A failure is
 * logged and retried later with back-off, never dropped. A crash between a send and its mark
 * would resend that one message, so the entry id goes along as the idempotency key for platforms
 * that dedupe sends by it.
 */
export async function deliverPending(store: Store, send: (out: Outgoing) => Promise<void>, now: Date, log: Logger, only?: (entry: OutboxEntry) => boolean): Promise<void> {
  const due = store.data.outbox.filter((e) => e.status === 'pending' && new Date(e.nextAttemptAt) <= now && (only?.(e) ?? true));
  for (const entry of due) {
    try {
      await send({ ...entry.message, idempotencyKey: entry.id });
      await store.update((db) => {
        const e = db.outbox.find((x) => x.id === entry.id)!;
        e.status = 'sent';
        e.sentAt = now.toISOString();
        e.attempts++;
      });
    } catch (error) {
      const attempts = entry.attempts + 1;
      const wait = RETRY_MINUTES[Math.min(attempts, RETRY_MINUTES.length) - 1]!;
      log.warn({ err: error, outbox: entry.id, keys: entry.keys, attempts }, 'reminder send failed; will retry');
      await store.update((db) => {
        const e = db.outbox.find((x) => x.id === entry.id)!;
        e.attempts = attempts;
        e.nextAttemptAt = new Date(now.getTime() + wait * 60_000).toISOString();
        e.lastError = String((error as Error)?.message ?? error);
      });
    }
  }
}

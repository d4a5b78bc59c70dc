import { randomUUID } from 'node:crypto';
import { deliveryFailureOf } from '../model/delivery-problem';
import type { Outgoing } from '../model/message';
import type { Logger } from '../logger';
import type { Roster } from '../org/roster';
import type { Db, OutboxEntry, ReminderState } from '../store/schema';
import type { Store } from '../store/store';
import type { PlannedMessage } from '../model/planned-message';
import { deliveryNotices, isDeliveryNotice, type UndeliveredReason } from './delivery-notices';
import { recordedKeys } from './outbox-keys';

/** Minutes to wait before the n-th retry of a failed send: soon at first, then hourly. */
const RETRY_MINUTES = [1, 5, 15, 60];

/** How long a message that keeps failing is retried, from its first failure. */
const GIVE_UP_AFTER_MS = 24 * 3_600_000;

/**
 * Records planned messages in the store before anything is sent. Their keys are what makes a
 * reminder "already sent" for the planner, so a restart or a second tick never plans it again.
 * Keys recorded meanwhile by someone else are dropped here too. The job's bookkeeping (which
 * day's passes ran) goes in the same update, so a crash cannot separate the two.
 */
export function recordPlanned(store: Store, planned: PlannedMessage[], now: Date, state?: ReminderState): Promise<void> {
  return store.update((db) => {
    if (state) db.reminderState = state;
    pushPlanned(db, planned, now);
  });
}

/** Adds the messages whose keys are not all recorded yet (sent, pending or failed alike). */
function pushPlanned(db: Db, planned: PlannedMessage[], now: Date): void {
  const recorded = new Set(recordedKeys(db));
  for (const { keys, message } of planned) {
    if (keys.every((k) => recorded.has(k))) continue;
    db.outbox.push({ id: randomUUID(), keys, message, createdAt: now.toISOString(), status: 'pending', attempts: 0, nextAttemptAt: now.toISOString() });
    for (const k of keys) recorded.add(k);
  }
}

/**
 * Sends every pending message whose time has come (`only`: those it picks), marking each sent as it goes. A crash between
 * a send and its mark would resend that one message, so the entry id goes along as the
 * idempotency key for platforms that dedupe sends by it.
 *
 * A failure the platform calls final (the bot is not in the group, the person blocked it) marks
 * the entry failed at once; any other is retried with back-off for a day from its first failure,
 * then marked failed too — a reminder a day late is worse than none. A failed entry keeps its
 * keys, so it is never planned again, and the admins are told once through this same outbox
 * (delivery-notices.ts), recorded in the same update; a notice that fails is only marked.
 */
export async function deliverPending(store: Store, send: (out: Outgoing) => Promise<void>, now: Date, log: Logger, roster: Roster, only?: (entry: OutboxEntry) => boolean): Promise<void> {
  const tried = new Set<string>();
  // Looked up afresh after each send: a notice recorded for a failure goes out in the same pass.
  const nextDue = () => store.data.outbox.find((e) => e.status === 'pending' && !tried.has(e.id) && new Date(e.nextAttemptAt) <= now && (only?.(e) ?? true));
  for (let entry = nextDue(); entry; entry = nextDue()) {
    const id = entry.id;
    tried.add(id);
    try {
      await send({ ...entry.message, idempotencyKey: id });
      await store.update((db) => {
        const e = db.outbox.find((x) => x.id === id)!;
        e.status = 'sent';
        e.sentAt = now.toISOString();
        e.attempts++;
      });
    } catch (error) {
      await recordFailure(store, entry, error, now, log, roster);
    }
  }
}

/** Schedules the next try, or marks the entry failed and records the admins' notice with it. */
async function recordFailure(store: Store, entry: OutboxEntry, error: unknown, now: Date, log: Logger, roster: Roster): Promise<void> {
  // Only a refusal the channel classified is final; an unknown failure is retried (the send is idempotent).
  const failure = deliveryFailureOf(error);
  const attempts = entry.attempts + 1;
  const firstFailedAt = entry.firstFailedAt ?? now.toISOString();
  const reason: UndeliveredReason | undefined =
    failure && !failure.transient ? failure.problem : now.getTime() - new Date(firstFailedAt).getTime() >= GIVE_UP_AFTER_MS ? 'gave_up' : undefined;
  const about = { err: error, outbox: entry.id, keys: entry.keys, to: entry.message.to, attempts, code: failure?.code };
  if (reason) log.error({ ...about, reason }, 'outbox send failed; given up and marked failed');
  else log.warn(about, 'outbox send failed; will retry');
  const notices = reason && !isDeliveryNotice(entry.keys) ? deliveryNotices(entry.message, reason, failure?.code, now, roster) : [];
  await store.update((db) => {
    const e = db.outbox.find((x) => x.id === entry.id)!;
    e.attempts = attempts;
    e.firstFailedAt = firstFailedAt;
    e.lastError = String((error as Error)?.message ?? error);
    if (reason) {
      e.status = 'failed';
      e.failedAt = now.toISOString();
    } else {
      const wait = RETRY_MINUTES[Math.min(attempts, RETRY_MINUTES.length) - 1]!;
      e.nextAttemptAt = new Date(now.getTime() + wait * 60_000).toISOString();
    }
    pushPlanned(db, notices, now);
  });
}

import { deliveryFailureOf } from '../model/delivery-problem';
import type { Outgoing } from '../model/message';
import type { Logger } from '../logger';
import type { Roster } from '../org/roster';
import type { OutboxEntry, ReminderState } from '../store/schema';
import type { Store } from '../store/store';
import type { PlannedMessage } from '../model/planned-message';
import { deliveryNotices, isDeliveryNotice, type UndeliveredReason } from './delivery-notices';

/** Minutes to wait before the n-th retry of a failed send: soon at first, then hourly. */
const RETRY_MINUTES = [1, 5, 15, 60];

/** How long a message that keeps failing is retried, from its first failure. */
const GIVE_UP_AFTER_MS = 24 * 3_600_000;

/**
 * Records planned messages in the store before anything is sent. Their keys are what makes a
 * reminder "already sent" for the planner, so a restart or a second tick never plans it again.
 * The job's bookkeeping (which day's passes ran) goes in the same transaction, so a crash cannot
 * separate the two.
 */
export function recordPlanned(store: Store, planned: PlannedMessage[], now: Date, state?: ReminderState): Promise<void> {
  return store.change((tx) => {
    if (state) tx.outbox.setReminderState(state);
    tx.outbox.record(planned, now);
  });
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
 * (delivery-notices.ts), recorded in the same transaction; a notice that fails is only marked.
 */
export async function deliverPending(store: Store, send: (out: Outgoing) => Promise<void>, now: Date, log: Logger, roster: Roster, only?: (entry: OutboxEntry) => boolean): Promise<void> {
  const tried = new Set<string>();
  // Looked up afresh after each send: a notice recorded for a failure goes out in the same pass.
  const nextDue = () => store.view.outbox.nextDue(now, (e) => !tried.has(e.id) && (only?.(e) ?? true));
  for (let entry = nextDue(); entry; entry = nextDue()) {
    const id = entry.id;
    tried.add(id);
    try {
      await send({ ...entry.message, idempotencyKey: id });
      await store.change((tx) => tx.outbox.markSent(id, now));
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
  const retryAt = reason ? undefined : new Date(now.getTime() + RETRY_MINUTES[Math.min(attempts, RETRY_MINUTES.length) - 1]! * 60_000);
  await store.change((tx) => {
    tx.outbox.markFailedAttempt(entry.id, now, String((error as Error)?.message ?? error), retryAt);
    tx.outbox.record(notices, now);
  });
}

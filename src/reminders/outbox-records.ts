import { randomUUID } from 'node:crypto';
import type { Outgoing } from '../model/message';
import type { PlannedMessage } from '../model/planned-message';
import type { Db, OutboxEntry, ReminderState } from '../store/schema';
import { committed, eachUnchanged, findRecord } from '../store/draft-search';
import { monthOf } from '../tasks/period';

/**
 * How long an outbox entry that is done (sent, or failed for good) stays whole. After that only
 * its keys are kept (db.outboxArchive, in its month's history file): they are all the planner
 * needs to never plan it again, and the hot state stays small however many months go by.
 */
export const DONE_ENTRY_DAYS = 3;

type OutboxState = Pick<Db, 'outbox' | 'outboxArchive' | 'reminderState'>;

const keyCache = new WeakMap<readonly OutboxEntry[], { archive: Db['outboxArchive']; length: number; keys: ReadonlySet<string> }>();

/**
 * Every key of the outbox and its archive, built once per state of the outbox: the store's state
 * is immutable (a change is a new array); a working copy (`提醒 预览`) grows in place.
 */
function keysOf(outbox: readonly OutboxEntry[], archive: Db['outboxArchive']): ReadonlySet<string> {
  const cached = keyCache.get(outbox);
  if (cached && cached.archive === archive && cached.length === outbox.length) return cached.keys;
  const keys = new Set<string>();
  for (const list of Object.values(archive)) for (const key of list) keys.add(key);
  for (const entry of outbox) for (const key of entry.keys) keys.add(key);
  keyCache.set(outbox, { archive, length: outbox.length, keys });
  return keys;
}

/** The messages the bot decided to send on its own, and the reminder job's bookkeeping. */
export class OutboxView {
  constructor(protected readonly state: Readonly<OutboxState>) {}

  /**
   * Every key the outbox has recorded, pending, done or archived: what makes a reminder "already
   * sent". Built once per state of the outbox, not once per question asked of it.
   */
  recordedKeys(): ReadonlySet<string> {
    const { outbox, outboxArchive } = this.state;
    // In a transaction: the committed keys (built once per state), and those of entries added since.
    const before = keysOf(committed(outbox), committed(outboxArchive));
    if (committed(outbox) === outbox) return before;
    const added = new Set<string>();
    eachUnchanged(outbox, (entry) => entry.keys.forEach((k) => before.has(k) || added.add(k)));
    return added.size ? new Set([...before, ...added]) : before;
  }

  /** The entries still whole: pending ones, and those done within DONE_ENTRY_DAYS. */
  entries(): readonly OutboxEntry[] {
    return this.state.outbox;
  }

  entry(id: string): OutboxEntry | undefined {
    return this.state.outbox.find((e) => e.id === id);
  }

  /** The first pending entry whose time has come, among those `wanted` accepts. */
  nextDue(now: Date, wanted: (entry: OutboxEntry) => boolean): OutboxEntry | undefined {
    return this.state.outbox.find((e) => e.status === 'pending' && new Date(e.nextAttemptAt) <= now && wanted(e));
  }

  /** When the earliest pending entry is to be tried. */
  nextAttemptAt(): Date | undefined {
    const times = this.state.outbox.filter((e) => e.status === 'pending').map((e) => new Date(e.nextAttemptAt).getTime());
    return times.length ? new Date(Math.min(...times)) : undefined;
  }

  /** When the first entry still whole was recorded. */
  firstCreatedAt(): string | undefined {
    return this.state.outbox.reduce<string | undefined>((first, e) => (!first || e.createdAt < first ? e.createdAt : first), undefined);
  }

  /** What the reminder job has done so far (see ReminderState). */
  reminderState(): ReminderState {
    return this.state.reminderState;
  }

  /** A copy to plan on, changed in memory only (`提醒 预览`): the archive is shared, not copied, as nothing adds to it. */
  workingCopy(): OutboxChanges {
    const { outbox, outboxArchive, reminderState } = this.state;
    return new OutboxChanges({ outbox: structuredClone(outbox) as OutboxEntry[], outboxArchive: { ...outboxArchive }, reminderState: { ...reminderState } });
  }
}

export class OutboxChanges extends OutboxView {
  declare protected readonly state: OutboxState;

  /**
   * Adds the planned messages whose keys are not all recorded yet (sent, pending or failed alike):
   * keys recorded meanwhile by someone else are dropped here.
   */
  record(planned: PlannedMessage[], now: Date): void {
    const recorded = this.recordedKeys();
    const added = new Set<string>();
    for (const { keys, message } of planned) {
      if (keys.every((k) => recorded.has(k) || added.has(k))) continue;
      this.enqueue(keys, message, now);
      for (const k of keys) added.add(k);
    }
  }

  /** Adds one message to send from `at`; returns its id (the idempotency key of its sends). */
  enqueue(keys: string[], message: Outgoing, at: Date): string {
    const id = randomUUID();
    this.state.outbox.push({ id, keys, message, createdAt: at.toISOString(), status: 'pending', attempts: 0, nextAttemptAt: at.toISOString() });
    return id;
  }

  setReminderState(state: ReminderState): void {
    this.state.reminderState = state;
  }

  /** The entry went out (its sender may mark it again, unharmed, if the outbox job sent it meanwhile). */
  markSent(id: string, at: Date): void {
    const entry = findRecord(this.state.outbox, (e) => e.id === id);
    if (!entry) return;
    entry.status = 'sent';
    entry.sentAt = at.toISOString();
    entry.attempts++;
  }

  /** A failed try: tried again at `retryAt`, or (without one) failed for good. */
  markFailedAttempt(id: string, at: Date, error: string, retryAt?: Date): void {
    const entry = findRecord(this.state.outbox, (e) => e.id === id);
    if (!entry) throw new Error(`no outbox entry ${id}`);
    entry.attempts++;
    entry.firstFailedAt ??= at.toISOString();
    entry.lastError = error;
    if (retryAt) entry.nextAttemptAt = retryAt.toISOString();
    else {
      entry.status = 'failed';
      entry.failedAt = at.toISOString();
    }
  }

  /** Moves entries done for longer than DONE_ENTRY_DAYS to the archive of their month, keys only. */
  archiveDone(now: Date): void {
    const cutoff = new Date(now.getTime() - DONE_ENTRY_DAYS * 86_400_000).toISOString();
    const isOld = (e: OutboxEntry) => e.status !== 'pending' && (e.sentAt ?? e.failedAt ?? e.createdAt) < cutoff;
    const old = this.state.outbox.filter(isOld);
    if (!old.length) return;
    for (const entry of old) {
      const month = monthOf(new Date(entry.createdAt));
      this.state.outboxArchive[month] = [...(this.state.outboxArchive[month] ?? []), ...entry.keys];
    }
    this.state.outbox = this.state.outbox.filter((e) => !isOld(e));
  }
}

import { randomUUID } from 'node:crypto';
import type { Db, Exemption, Submission } from '../store/schema';
import type { Store } from '../store/store';
import type { MonthKey } from '../tasks/period';
import { t } from '../prompts';

/** What a section's record for a task and month says today. */
export type SubmissionStatus = 'on_time' | 'late' | 'missing' | 'returned' | 'exempt';

export const STATUS_LABELS: Record<SubmissionStatus, string> = {
  on_time: t('status.on_time'),
  late: t('status.late'),
  missing: t('status.missing'),
  returned: t('status.returned'),
  exempt: t('status.exempt'),
};

/** Still owed: nothing in force, or sent back for correction. */
export function isOwed(status: SubmissionStatus): boolean {
  return status === 'missing' || status === 'returned';
}

/** The submission in force: the latest one not replaced by a newer one. */
export function currentSubmission(db: Readonly<Db>, month: MonthKey, taskId: string, sectionId: string): Submission | undefined {
  return lookUp(db.submissions, month, (s) => (s.supersededAt ? undefined : cellKey(s.taskId, s.sectionId)), cellKey(taskId, sectionId));
}

export function exemptionOf(db: Readonly<Db>, month: MonthKey, taskId: string, sectionId: string): Exemption | undefined {
  return lookUp(db.exemptions, month, (e) => cellKey(e.taskId, e.sectionId), cellKey(taskId, sectionId));
}

function cellKey(taskId: string, sectionId: string): string {
  return `${taskId}|${sectionId}`;
}

const indexes = new WeakMap<readonly object[], Map<string, Map<string, object>>>();

/**
 * The record of `month` filed under `key`. A progress matrix asks this for every section × task:
 * on the store's state, which is immutable, a month's records are indexed once per version of the
 * collection (only the months asked about); on a change in progress (a mutable draft), they are
 * searched.
 */
function lookUp<R extends { month: string }>(records: readonly R[], month: string, keyOf: (record: R) => string | undefined, key: string): R | undefined {
  if (!Object.isFrozen(records)) return records.find((r) => r.month === month && keyOf(r) === key);
  let byMonth = indexes.get(records);
  if (!byMonth) indexes.set(records, (byMonth = new Map()));
  let index = byMonth.get(month);
  if (!index) {
    index = new Map();
    for (const record of records) {
      if (record.month !== month) continue;
      const k = keyOf(record);
      if (k !== undefined && !index.has(k)) index.set(k, record);
    }
    byMonth.set(month, index);
  }
  return index.get(key) as R | undefined;
}

/** A section's status for a task and month: an exemption wins over whatever was submitted. */
export function sectionStatus(db: Readonly<Db>, month: MonthKey, taskId: string, sectionId: string): SubmissionStatus {
  if (exemptionOf(db, month, taskId, sectionId)) return 'exempt';
  const submission = currentSubmission(db, month, taskId, sectionId);
  if (!submission) return 'missing';
  if (submission.returned) return 'returned';
  return submission.late ? 'late' : 'on_time';
}

export interface NewSubmission {
  month: MonthKey;
  taskId: string;
  sectionId: string;
  answers: Record<string, unknown>;
  formVersion: string;
  submittedBy: string;
  submittedAt: Date;
  late: boolean;
  /** Fields answered as an estimate (see Submission.approximate). */
  approximate?: string[];
}

/**
 * Adds a submission inside a store update (the form that produced it closes in the same one);
 * the one it replaces stays as history. Returns the replaced one.
 */
export function addSubmission(db: Db, input: NewSubmission): Submission | undefined {
  const previous = currentSubmission(db, input.month, input.taskId, input.sectionId);
  const at = input.submittedAt.toISOString();
  if (previous) previous.supersededAt = at;
  const { approximate, ...rest } = input;
  db.submissions.push({ ...rest, ...(approximate?.length ? { approximate } : {}), id: randomUUID(), submittedAt: at });
  return previous;
}

export function returnSubmission(store: Store, id: string, by: string, at: Date, reason: string): Promise<void> {
  return store.update((db) => {
    const submission = db.submissions.find((s) => s.id === id);
    if (!submission) throw new Error(`no submission ${id}`);
    submission.returned = { by, at: at.toISOString(), reason };
  });
}

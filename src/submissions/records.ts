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
  return db.submissions.find((s) => s.month === month && s.taskId === taskId && s.sectionId === sectionId && !s.supersededAt);
}

export function exemptionOf(db: Readonly<Db>, month: MonthKey, taskId: string, sectionId: string): Exemption | undefined {
  return db.exemptions.find((e) => e.month === month && e.taskId === taskId && e.sectionId === sectionId);
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
  return previous && structuredClone(previous);
}

export function returnSubmission(store: Store, id: string, by: string, at: Date, reason: string): Promise<void> {
  return store.update((db) => {
    const submission = db.submissions.find((s) => s.id === id);
    if (!submission) throw new Error(`no submission ${id}`);
    submission.returned = { by, at: at.toISOString(), reason };
  });
}

import { randomUUID } from 'node:crypto';
import type { Db, Exemption, Submission } from '../store/schema';
import { findRecord } from '../store/draft-search';
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

type SubmissionState = Pick<Db, 'submissions' | 'exemptions'>;

/**
 * The submissions and exemptions, read by month, task and section. A progress matrix asks for
 * every section × task cell: on the store's state, which is immutable, each month's records are
 * indexed once per version of the collection (only the months asked about); on a change in
 * progress (a mutable draft) they are searched.
 */
export class SubmissionsView {
  constructor(protected readonly state: Readonly<SubmissionState>) {}

  /** The submission in force: the latest one not replaced by a newer one. */
  current(month: MonthKey, taskId: string, sectionId: string): Submission | undefined {
    return lookUp(this.state.submissions, month, (s) => (s.supersededAt ? undefined : cellKey(s.taskId, s.sectionId)), cellKey(taskId, sectionId));
  }

  exemption(month: MonthKey, taskId: string, sectionId: string): Exemption | undefined {
    return lookUp(this.state.exemptions, month, (e) => cellKey(e.taskId, e.sectionId), cellKey(taskId, sectionId));
  }

  /** A section's status for a task and month: an exemption wins over whatever was submitted. */
  status(month: MonthKey, taskId: string, sectionId: string): SubmissionStatus {
    if (this.exemption(month, taskId, sectionId)) return 'exempt';
    const submission = this.current(month, taskId, sectionId);
    if (!submission) return 'missing';
    if (submission.returned) return 'returned';
    return submission.late ? 'late' : 'on_time';
  }

  /** Every submission for a month, replaced ones included, in the order they came. */
  ofMonth(month: MonthKey): Submission[] {
    const { submissions } = this.state;
    return (monthsOf(submissions).get(month) ?? []).map((at) => submissions[at]!);
  }

  /** Those that came in from `from` (included) to `to` (excluded), whatever month they are for. */
  cameIn(from: Date, to: Date): Submission[] {
    const [since, until] = [from.toISOString(), to.toISOString()];
    return this.state.submissions.filter((s) => s.submittedAt >= since && s.submittedAt < until);
  }

  /** The latest submission a person sent. */
  latestBy(personId: string): Submission | undefined {
    let latest: Submission | undefined;
    for (const s of this.state.submissions) if (s.submittedBy === personId && (!latest || s.submittedAt > latest.submittedAt)) latest = s;
    return latest;
  }

  /** When the first submission came in, if one did. */
  firstSubmittedAt(): string | undefined {
    let first: string | undefined;
    for (const s of this.state.submissions) if (!first || s.submittedAt < first) first = s.submittedAt;
    return first;
  }
}

/** The changes made to submissions and exemptions, inside one store transaction. */
export class SubmissionChanges extends SubmissionsView {
  declare protected readonly state: SubmissionState;

  /** Adds a submission; the one it replaces stays as history. Returns the replaced one. */
  add(input: NewSubmission): Submission | undefined {
    const previous = this.current(input.month, input.taskId, input.sectionId);
    const at = input.submittedAt.toISOString();
    if (previous) previous.supersededAt = at;
    const { approximate, ...rest } = input;
    this.state.submissions.push({ ...rest, ...(approximate?.length ? { approximate } : {}), id: randomUUID(), submittedAt: at });
    return previous;
  }

  /** An admin sent the submission in force back for correction. */
  sendBack(submission: Submission, by: string, at: Date, reason: string): void {
    const record = this.current(submission.month, submission.taskId, submission.sectionId);
    if (record?.id !== submission.id) throw new Error(`submission ${submission.id} is no longer in force`);
    record.returned = { by, at: at.toISOString(), reason };
  }

  /** Records that a section owes nothing for a task this month (免报). */
  exempt(exemption: Exemption): void {
    this.state.exemptions.push(exemption);
  }

  /** Undoes an exemption; the section owes the task again. Returns whether there was one. */
  unexempt(month: MonthKey, taskId: string, sectionId: string): boolean {
    const before = this.state.exemptions.length;
    this.state.exemptions = this.state.exemptions.filter((e) => !(e.month === month && e.taskId === taskId && e.sectionId === sectionId));
    return this.state.exemptions.length < before;
  }
}

function cellKey(taskId: string, sectionId: string): string {
  return `${taskId}|${sectionId}`;
}

const partitions = new WeakMap<readonly object[], Map<string, number[]>>();
const indexes = new WeakMap<readonly object[], Map<string, Map<string, number>>>();

/** Where each month's records are: once per version of the store's collection, at every call on a draft. */
function monthsOf(records: readonly { month: string }[]): Map<string, number[]> {
  const cached = partitions.get(records);
  if (cached) return cached;
  const byMonth = new Map<string, number[]>();
  records.forEach((record, at) => {
    const list = byMonth.get(record.month);
    if (list) list.push(at);
    else byMonth.set(record.month, [at]);
  });
  if (Object.isFrozen(records)) partitions.set(records, byMonth);
  return byMonth;
}

/**
 * The record of `month` filed under `key` (the first one, in the order they came). On the store's
 * state the month's index answers; in a transaction the committed index does (findRecord).
 */
function lookUp<R extends { month: string }>(records: readonly R[], month: string, keyOf: (record: R) => string | undefined, key: string): R | undefined {
  if (Object.isFrozen(records)) {
    const at = positionOf(records, month, keyOf, key);
    return at === undefined ? undefined : records[at];
  }
  return findRecord(records, (r) => r.month === month && keyOf(r) === key, (committed) => positionOf(committed, month, keyOf, key) ?? -1);
}

/** The record's position in a frozen collection, from the month's index (built when first asked). */
function positionOf<R extends { month: string }>(records: readonly R[], month: string, keyOf: (record: R) => string | undefined, key: string): number | undefined {
  let byMonth = indexes.get(records);
  if (!byMonth) indexes.set(records, (byMonth = new Map()));
  let index = byMonth.get(month);
  if (!index) {
    index = new Map();
    for (const at of monthsOf(records).get(month) ?? []) {
      const k = keyOf(records[at]!);
      if (k !== undefined && !index.has(k)) index.set(k, at);
    }
    byMonth.set(month, index);
  }
  return index.get(key);
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

import type { Roster } from '../org/roster';
import type { Section } from '../org/schema';
import type { Submission } from '../store/schema';
import type { TaskCatalog } from '../tasks/catalog';
import type { MonthKey } from '../tasks/period';
import type { Task } from '../tasks/schema';
import { t } from '../prompts';
import { formatLocalMinute } from '../time';
import type { SubmissionStatus, SubmissionsView } from './records';
import { isVisible } from './summary';

/** One owing section's line in a task's ledger sheet. */
export interface LedgerRow {
  section: Section;
  status: SubmissionStatus;
  /** The submission in force, also a returned one (its submitter and time are still shown). */
  submission?: Submission;
  /** Whether its figures count: on time or late. A returned submission's figures were rejected. */
  counted: boolean;
  /** Why it was returned or exempted, or which figures are estimates, for the 备注 column. */
  remark?: string;
  /** The counted figures given as estimates (120左右): their field ids. */
  estimated: string[];
}

/** Every section owing the task, in the roster's order, with what the ledger shows for it. */
export function ledgerRows(submissions: SubmissionsView, roster: Roster, catalog: TaskCatalog, task: Task, month: MonthKey): LedgerRow[] {
  return catalog.sectionsOwing(task).map((sectionId) => {
    const section = roster.section(sectionId)!;
    const status = submissions.status(month, task.id, sectionId);
    const submission = status === 'exempt' ? undefined : submissions.current(month, task.id, sectionId);
    const counted = status === 'on_time' || status === 'late';
    const estimated = counted && submission ? estimatedFields(task, submission) : [];
    const row: LedgerRow = { section, status, submission, counted, estimated };
    if (estimated.length) {
      row.remark = t('ledger.remark_estimated', { fields: task.fields.filter((f) => estimated.includes(f.id)).map((f) => f.label).join('、') });
    } else if (status === 'returned' && submission?.returned) {
      const { reason, by, at } = submission.returned;
      row.remark = t('ledger.remark_returned', { reason, by: roster.person(by)?.name ?? by, at: formatLocalMinute(new Date(at)) });
    } else if (status === 'exempt') {
      row.remark = t('ledger.remark_exempt', { reason: submissions.exemption(month, task.id, sectionId)!.reason });
    }
    return row;
  });
}

/** A submission's figures marked 约, among the questions that applied to it. */
function estimatedFields(task: Task, submission: Submission): string[] {
  const marked = new Set(submission.approximate ?? []);
  return task.fields.filter((f) => marked.has(f.id) && isVisible(f, submission.answers) && typeof submission.answers[f.id] === 'number').map((f) => f.id);
}

/** The fields whose 合计 includes an estimate, so the total is one too. */
export function estimatedTotals(rows: readonly LedgerRow[]): Set<string> {
  return new Set(rows.flatMap((r) => r.estimated));
}

/**
 * The 合计 line's answers: numeric fields summed and list entries pooled over the counted rows
 * (only where the field applied), so the totals' rates are the office-wide rates (Σ合规 ÷ Σ上传),
 * not an average of the sections' rates. Undefined when nothing counts yet.
 */
export function totalAnswers(task: Task, rows: readonly LedgerRow[]): Record<string, unknown> | undefined {
  const counted = rows.filter((r) => r.counted && r.submission).map((r) => r.submission!.answers);
  if (!counted.length) return undefined;
  const total: Record<string, unknown> = {};
  for (const field of task.fields) {
    const values = counted.filter((answers) => isVisible(field, answers)).map((answers) => answers[field.id]);
    if (field.type === 'integer' || field.type === 'number') {
      const numbers = values.filter((v): v is number => typeof v === 'number');
      if (numbers.length) total[field.id] = numbers.reduce((a, b) => a + b, 0);
    } else if (field.type === 'list') {
      total[field.id] = values.flatMap((v) => (Array.isArray(v) ? v : []));
    }
  }
  return total;
}

/** A section's line on the 汇总 sheet: what it owes this month and how much of it is in. */
export interface SectionTally {
  owed: number;
  done: number;
  late: number;
  missing: number;
}

export function tally(statuses: ReadonlyArray<SubmissionStatus | 'not_owed'>): SectionTally {
  const count = (...wanted: Array<SubmissionStatus | 'not_owed'>) => statuses.filter((s) => wanted.includes(s)).length;
  return { owed: count('on_time', 'late', 'missing', 'returned'), done: count('on_time', 'late'), late: count('late'), missing: count('missing', 'returned') };
}

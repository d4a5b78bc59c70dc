import type { Roster } from '../org/roster';
import type { Section } from '../org/schema';
import type { TaskCatalog } from '../tasks/catalog';
import type { MonthKey } from '../tasks/period';
import type { Task } from '../tasks/schema';
import type { SubmissionStatus, SubmissionsView } from './records';

/** A matrix cell: the status, or that the section does not owe the task. */
export type Cell = SubmissionStatus | 'not_owed';

export const CELL_SYMBOLS: Record<Cell, string> = {
  on_time: '✅',
  late: '⚠️',
  missing: '❌',
  returned: '↩️',
  exempt: '⭕',
  not_owed: '—',
};

export interface ProgressRow {
  section: Section;
  cells: Array<{ task: Task; cell: Cell }>;
}

/** Every section × every task for a month: what the coordinator looks at. */
export function progressMatrix(submissions: SubmissionsView, roster: Roster, catalog: TaskCatalog, month: MonthKey): ProgressRow[] {
  return roster.sections.map((section) => ({
    section,
    cells: catalog.tasks.map((task) => ({
      task,
      cell: catalog.owes(task, section.id) ? submissions.status(month, task.id, section.id) : 'not_owed',
    })),
  }));
}

/** A section's short name for tables: its first alias, else its name. */
export function shortSectionName(section: Section): string {
  return section.aliases[0] ?? section.name;
}

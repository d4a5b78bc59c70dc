import type { MemberContext } from '../src/core/chat-context';
import { monthIn, readWords } from '../src/core/argument-words';
import type { MemberCommand } from '../src/core/chat-context';
import type { Section } from '../src/org/schema';
import { t } from '../src/prompts';
import { CELL_SYMBOLS, progressMatrix, shortSectionName } from '../src/submissions/progress';
import { isOwed, STATUS_LABELS } from '../src/submissions/records';
import { deadlineOf, monthLabel, monthOf, type MonthKey } from '../src/tasks/period';
import { formatDayTime } from '../src/time';

/**
 * 进度: a reporter or head sees what their section still owes; an admin sees the department as a
 * matrix of sections × tasks (or one section with `进度 科室`).
 */
const progress: MemberCommand = {
  name: '进度',
  aliases: ['status', 'progress'],
  usage: t('commands.progress.usage'),
  summary: t('commands.progress.summary'),
  roles: ['reporter', 'head', 'admin'],
  // Return reasons and a section's standing are not for the whole group.
  private: true,
  async run(ctx) {
    const person = ctx.person;
    const isAdmin = person.roles.includes('admin');
    const read = readWords(ctx.args.split(/\s+/).filter(Boolean), ['section', 'month'], ctx);
    if (!read.ok) return ctx.reply(read.message);
    const month = monthIn(read.words) ?? monthOf(ctx.now);
    const section = read.words.flatMap((w) => (w.kind === 'section' ? [w.section] : [])).at(-1);
    if (section && !isAdmin && !person.sections.includes(section.id)) {
      await ctx.reply(t('progress.not_yours'));
      return;
    }
    if (isAdmin && !section) {
      await ctx.reply(matrixCard(ctx, month));
      return;
    }
    for (const s of section ? [section] : ctx.roster.sectionsOf(person)) await ctx.reply(sectionCard(ctx, s, month));
  },
};

function sectionCard(ctx: MemberContext, section: Section, month: MonthKey) {
  const tasks = ctx.catalog.tasksOwedBy(section.id);
  const { submissions } = ctx.store.view;
  const rows = tasks.map((task) => ({ task, submission: submissions.current(month, task.id, section.id), status: submissions.status(month, task.id, section.id) }));
  const owed = rows.filter((r) => isOwed(r.status));
  const reasons = rows.flatMap((r) =>
    r.status === 'returned' && r.submission?.returned
      ? [t('progress.returned_reason', { task: r.task.short, reason: r.submission.returned.reason, by: ctx.roster.person(r.submission.returned.by)?.name ?? r.submission.returned.by, at: formatDayTime(new Date(r.submission.returned.at)) })]
      : [],
  );
  return {
    card: {
      title: t('progress.section_title', { section: section.name, month: monthLabel(month) }),
      lines: [
        owed.length ? t('progress.owed', { count: owed.length, tasks: owed.map((r) => r.task.short).join('、') }) : t('progress.all_done', { count: rows.length }),
        ...reasons,
      ],
      table: {
        header: [t('column.task'), t('column.deadline'), t('column.status')],
        rows: rows.map((r) => [r.task.short, formatDayTime(deadlineOf(r.task, month, ctx.catalog)), STATUS_LABELS[r.status]]),
      },
    },
  };
}

function matrixCard(ctx: MemberContext, month: MonthKey) {
  const matrix = progressMatrix(ctx.store.view.submissions, ctx.roster, ctx.catalog, month);
  const cells = matrix.flatMap((row) => row.cells.map((c) => c.cell)).filter((c) => c !== 'not_owed');
  const count = (cell: string) => cells.filter((c) => c === cell).length;
  return {
    card: {
      title: t('progress.matrix_title', { month: monthLabel(month) }),
      lines: [
        t('progress.matrix_summary', { done: count('on_time') + count('late'), owed: cells.length - count('exempt'), late: count('late'), returned: count('returned'), missing: count('missing'), exempt: count('exempt') }),
        t('progress.legend'),
      ],
      table: {
        header: [t('column.section'), ...ctx.catalog.tasks.map((task) => task.short)],
        rows: matrix.map((row) => [shortSectionName(row.section), ...row.cells.map((c) => CELL_SYMBOLS[c.cell])]),
      },
    },
  };
}

export default progress;

import { t } from '../prompts';
import { formatDeadlineWithWeekday } from '../time';
import type { TaskCatalog } from './catalog';
import { deadlineOf, dueDateOf, monthLabel, monthOf, nextMonth, type MonthKey } from './period';
import type { Task } from './schema';

/** A question about when something is due. */
const ASKS_DEADLINE = /几号|哪天|哪一天|什么时候|啥时候|何时|截止|截至|最晚|最迟|期限|deadline|ddl/i;
/** A question about a due date that falls on a day off. */
const ASKS_DAY_OFF = /周末|周六|周日|星期六|星期天|星期日|礼拜天|节假日|放假|假期|休息日|过节/;
/** A question about reporting late or not at all. */
const ASKS_LATE = /(?:没|未|不|晚|迟)(?:按时|及时|准时)|逾期|迟报|晚报|晚交|迟交|超期|过了截止|错过|补报|漏报|没报|不报/;

/**
 * Questions about the bot's own process — when a task is due this month, what happens when a due
 * date falls on a weekend or holiday, what a late report costs — answered from tasks.yaml and the
 * ranking rules, with this month's real dates. The policy documents set the rules of other
 * districts and years (莱芜's 25th); the department works to its own schedule, so these questions
 * are answered from it first. Undefined when the question is not about the process.
 */
export function answerAboutProcess(question: string, catalog: TaskCatalog, now: Date): string | undefined {
  const named = catalog.tasks.filter((task) => question.includes(task.short) || question.includes(task.name));
  const lines: string[] = [];
  if (ASKS_DAY_OFF.test(question) && (ASKS_DEADLINE.test(question) || /报|交/.test(question))) lines.push(...dayOffRule(catalog));
  else if (ASKS_LATE.test(question)) lines.push(t('process.late', { percent: Math.round(catalog.ranking.late_fraction * 100) }));
  else if (ASKS_DEADLINE.test(question) && named.length > 0) lines.push(...named.map((task) => dueLine(task, catalog, now)));
  return lines.length > 0 ? [t('process.from_schedule'), ...lines].join('\n') : undefined;
}

/**
 * 「双公示」2026年11月截止 11月26日（周四）18:00, with the day it was moved from; once this month's
 * has passed, next month's too.
 */
function dueLine(task: Task, catalog: TaskCatalog, now: Date): string {
  const month = monthOf(now);
  const line = monthDue(task, month, catalog);
  return deadlineOf(task, month, catalog) < now ? t('process.due_passed', { due: line, next: monthDue(task, nextMonth(month), catalog) }) : line;
}

function monthDue(task: Task, month: MonthKey, catalog: TaskCatalog): string {
  const deadline = formatDeadlineWithWeekday(deadlineOf(task, month, catalog));
  const moved = Number(dueDateOf(task, month).slice(8)) !== task.due_day;
  return moved ? t('process.due_moved', { task: task.short, month: monthLabel(month), deadline, day: task.due_day }) : t('process.due', { task: task.short, month: monthLabel(month), deadline });
}

/** How due dates move off days off: the default, and the tasks that differ. */
function dayOffRule(catalog: TaskCatalog): string[] {
  const moving = (rule: Task['on_holiday']) => catalog.tasks.filter((task) => task.on_holiday === rule).map((task) => task.short);
  const lines = [t('process.day_off_previous', { tasks: moving('previous').join('、') })];
  if (moving('next').length) lines.push(t('process.day_off_next', { tasks: moving('next').join('、') }));
  if (moving('unchanged').length) lines.push(t('process.day_off_unchanged', { tasks: moving('unchanged').join('、') }));
  return lines;
}

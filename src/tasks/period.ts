import { DateTime } from 'luxon';
import { workCalendar } from '../calendar/work-calendar';
import { localDateTime, ZONE } from '../time';
import type { TaskCatalog } from './catalog';
import type { Task } from './schema';
import { t } from '../prompts';

/** A reporting month as stored: "2026-11". */
export type MonthKey = string;

export function monthOf(time: Date): MonthKey {
  return localDateTime(time).toFormat('yyyy-MM');
}

export function previousMonth(month: MonthKey): MonthKey {
  return DateTime.fromFormat(month, 'yyyy-MM', { zone: ZONE }).minus({ months: 1 }).toFormat('yyyy-MM');
}

/** "2026年11月" */
export function monthLabel(month: MonthKey): string {
  const [y, m] = month.split('-');
  return t('format.month', { year: y!, month: Number(m) });
}

/** A month without a year is the nearest such month: at most this many months back… */
const MONTHS_BACK = 6;

/**
 * A month as people write it: 11月, 11月份, 2026-11, 2026年11月, 2026.11, 本月, 上月. A month
 * without a year is the nearest such month to now (from 6 months back to 5 ahead), so 12月 said in
 * late November is the coming December; whether a future month makes sense is for the caller.
 */
export function parseMonth(text: string, now: Date): MonthKey | undefined {
  const t = text.trim();
  const current = localDateTime(now).startOf('month');
  if (t === '本月' || t === '这个月') return current.toFormat('yyyy-MM');
  if (t === '上月' || t === '上个月') return current.minus({ months: 1 }).toFormat('yyyy-MM');
  let match = /^(\d{4})\s*[-年./]\s*(\d{1,2})\s*月?$/.exec(t);
  if (match) return valid(Number(match[1]), Number(match[2]));
  match = /^(\d{1,2})\s*月(份)?$/.exec(t);
  if (match) {
    const m = Number(match[1]);
    const earliest = current.minus({ months: MONTHS_BACK });
    return valid(m >= earliest.month ? earliest.year : earliest.year + 1, m);
  }
  return undefined;
}

/** Whether a month has not begun yet at `now`. */
export function isFutureMonth(month: MonthKey, now: Date): boolean {
  return month > monthOf(now);
}

/** Whether the month word names no year (11月), so that another year may have been meant. */
export function isBareMonth(text: string): boolean {
  return /^\d{1,2}\s*月(份)?$/.test(text.trim());
}

function valid(year: number, month: number): MonthKey | undefined {
  return month >= 1 && month <= 12 ? `${year}-${String(month).padStart(2, '0')}` : undefined;
}

/**
 * The calendar date a task is due for a month: its due day (the month's last day if shorter),
 * moved off a holiday or weekend as the task says (default: the previous working day).
 */
export function dueDateOf(task: Task, month: MonthKey): string {
  // Pure, asked for by deadlines, reminder windows and drafts alike; tasks are never changed.
  let byMonth = dueDates.get(task);
  if (!byMonth) dueDates.set(task, (byMonth = new Map()));
  let date = byMonth.get(month);
  if (!date) byMonth.set(month, (date = computeDueDate(task, month)));
  return date;
}

const dueDates = new WeakMap<Task, Map<MonthKey, string>>();

function computeDueDate(task: Task, month: MonthKey): string {
  const start = DateTime.fromFormat(month, 'yyyy-MM', { zone: ZONE });
  const date = start.set({ day: Math.min(task.due_day, start.daysInMonth!) }).toISODate()!;
  return task.on_holiday === 'unchanged' ? date : workCalendar.nearestWorkday(date, task.on_holiday);
}

/** When the task is due for a month: its due date at its due time, Beijing time. */
export function deadlineOf(task: Task, month: MonthKey, catalog: TaskCatalog): Date {
  return atLocalTime(dueDateOf(task, month), task.due_time ?? catalog.defaults.due_time);
}

/** "2026-11-26" at "18:00", Beijing time. */
export function atLocalTime(date: string, hhmm: string): Date {
  const [hour, minute] = hhmm.split(':').map(Number);
  return DateTime.fromISO(date, { zone: ZONE }).set({ hour, minute }).toJSDate();
}

export function nextMonth(month: MonthKey): MonthKey {
  return DateTime.fromFormat(month, 'yyyy-MM', { zone: ZONE }).plus({ months: 1 }).toFormat('yyyy-MM');
}

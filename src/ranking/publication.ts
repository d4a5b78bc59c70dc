import { t } from '../prompts';
import type { TaskCatalog } from '../tasks/catalog';
import { firstRunOf } from '../reminders/planner';
import { deadlineOf, monthOf, nextMonth, previousMonth, type MonthKey } from '../tasks/period';
import { localDateTime } from '../time';
import { ranMonth } from './draft';
import type { StateView } from '../store/state-view';

/**
 * How long a shown notice waits for 确认发布. Confirmation checks the content again anyway; the
 * limit keeps a stray 确认发布 much later from publishing something its sender no longer has in mind.
 */
export const CONFIRM_MINUTES = 60;

/** When the month's last task is due, holiday-adjusted: a month cannot be published before. */
export function lastDeadline(month: MonthKey, catalog: TaskCatalog): Date {
  return new Date(Math.max(...catalog.tasks.map((task) => deadlineOf(task, month, catalog).getTime())));
}

/** A future month is never ranked; an open one (last deadline ahead) only previewed, as provisional. */
export type MonthState = { kind: 'future' } | { kind: 'open'; deadline: Date } | { kind: 'closed' };

export function monthState(month: MonthKey, catalog: TaskCatalog, now: Date): MonthState {
  if (month > monthOf(now)) return { kind: 'future' };
  const deadline = lastDeadline(month, catalog);
  return now < deadline ? { kind: 'open', deadline } : { kind: 'closed' };
}

/**
 * What `排名 发布`/`排名 预览` mean without a month: the month of the latest draft the admins got
 * (outbox keys `${month}|ranking-draft|${admin}`, see draft.ts), or a later month the bot ran
 * whose last deadline has passed (its draft is still to come, or was missed by downtime). A month
 * the bot did not run is never the default: on a fresh install there is none yet, and the answer
 * is the first month the bot runs and when it can be published.
 */
export type DefaultMonth = { kind: 'month'; month: MonthKey } | { kind: 'none'; next: MonthKey; deadline: Date };

export function defaultRankingMonth(view: Pick<StateView, 'submissions' | 'outbox'>, catalog: TaskCatalog, now: Date): DefaultMonth {
  const firstRun = firstRunOf(view, now);
  const drafted = [...view.outbox.recordedKeys()].flatMap((k) => /^(\d{4}-\d{2})\|ranking-draft\|/.exec(k)?.[1] ?? []);
  let closed = monthOf(now);
  while (lastDeadline(closed, catalog) > now) closed = previousMonth(closed);
  const ranClosed = ranMonth(closed, firstRun, catalog) ? [closed] : [];
  const month = [...drafted, ...ranClosed].sort().at(-1);
  if (month) return { kind: 'month', month };
  let next = monthOf(now);
  while (!ranMonth(next, firstRun, catalog)) next = nextMonth(next);
  return { kind: 'none', next, deadline: lastDeadline(next, catalog) };
}

/**
 * Whether publishing the month needs a refusal rather than a confirmation: the bot did not run it
 * and nobody submitted anything for it, so its notice would mark every section 未报 for reports
 * the bot never collected.
 */
export function neverCollected(month: MonthKey, view: Pick<StateView, 'submissions' | 'outbox'>, catalog: TaskCatalog, now: Date): boolean {
  return !ranMonth(month, firstRunOf(view, now), catalog) && !view.submissions.ofMonth(month).length;
}

/** 2026年11月26日 18:00 */
export function fullTime(time: Date): string {
  return localDateTime(time).toFormat(t('format.date_time'));
}

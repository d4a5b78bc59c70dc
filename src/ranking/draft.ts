import { workCalendar } from '../calendar/work-calendar';
import type { Card } from '../model/message';
import type { Roster } from '../org/roster';
import { t } from '../prompts';
import type { PlannedMessage } from '../model/planned-message';
import type { TaskCatalog } from '../tasks/catalog';
import { atLocalTime, deadlineOf, dueDateOf, type MonthKey } from '../tasks/period';
import { localDateTime } from '../time';
import { noticeFor } from './notice';
import type { StateView } from '../store/state-view';

/** How many working days after its time the draft is still worth sending (after downtime). */
const DRAFT_USEFUL_WORKDAYS = 5;

/** The first working day after the month's last deadline, at the configured time. */
export function draftTime(month: MonthKey, catalog: TaskCatalog): Date {
  const lastDue = catalog.tasks.map((task) => dueDateOf(task, month)).sort().at(-1)!;
  return atLocalTime(workCalendar.addWorkdays(lastDue, 1), catalog.ranking.draft_at);
}

/**
 * Whether the bot ran the month: it was running before the month's first deadline, so every
 * task could be collected (and reminded) through it. A fresh install on 11-02 has not run
 * October, whose deadlines all passed before it started, and sends no all-zero October draft.
 */
export function ranMonth(month: MonthKey, firstRun: Date, catalog: TaskCatalog): boolean {
  const firstDue = catalog.tasks.map((task) => deadlineOf(task, month, catalog).getTime());
  return firstRun.getTime() <= Math.min(...firstDue);
}

/**
 * The month's draft notice for each admin, once (keyed like reminders): it is part of the
 * reminder planner, so the same exactly-once outbox carries it.
 */
export function planRankingDrafts(now: Date, months: MonthKey[], firstRun: Date, catalog: TaskCatalog, roster: Roster, view: Pick<StateView, 'submissions' | 'rankings'>, recorded: ReadonlySet<string>): PlannedMessage[] {
  return months.flatMap((month) => {
    if (!ranMonth(month, firstRun, catalog)) return [];
    const from = draftTime(month, catalog);
    const until = atLocalTime(workCalendar.addWorkdays(localDateTime(from).toISODate()!, DRAFT_USEFUL_WORKDAYS), catalog.defaults.working_hours.end);
    if (now < from || now >= until) return [];
    const admins = roster.admins().filter((a) => !recorded.has(draftKey(month, a.id)));
    if (!admins.length) return [];
    const { card } = noticeFor(view, roster, catalog, month, now, {});
    return admins.map((admin) => ({
      keys: [draftKey(month, admin.id)],
      message: {
        to: { kind: 'direct' as const, personId: admin.id },
        mentions: [],
        content: { card: { ...card, ...draftFooter(card, month) } },
      },
    }));
  });
}

/**
 * How a draft ends: what to do with it, and a button that leads into publication's two steps
 * (`排名 发布` shows what would be posted; only 确认发布 posts it).
 */
export function draftFooter(card: Card, month: MonthKey): Pick<Card, 'footer' | 'buttons'> {
  return {
    footer: [...(card.footer ?? []), t('ranking.draft_hint', { month })],
    buttons: [{ label: t('ranking.button_publish'), value: `排名 发布 ${month}` }],
  };
}

function draftKey(month: MonthKey, adminId: string): string {
  return `${month}|ranking-draft|${adminId}`;
}

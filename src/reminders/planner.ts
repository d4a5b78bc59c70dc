import { workCalendar } from '../calendar/work-calendar';
import type { Outgoing } from '../core/message';
import type { Roster } from '../org/roster';
import type { Db } from '../store/schema';
import { isOwed, sectionStatus } from '../submissions/records';
import type { TaskCatalog } from '../tasks/catalog';
import { atLocalTime, deadlineOf, dueDateOf, monthOf, nextMonth, previousMonth, type MonthKey } from '../tasks/period';
import type { ReminderRule, Task } from '../tasks/schema';
import { localDateTime } from '../time';
import { planRankingDrafts } from '../ranking/draft';
import { renderCalendarNotice, renderReminders, type ReminderItem } from './reminder-messages';

/** A message the planner wants sent, with the keys of everything it covers. */
export interface PlannedMessage {
  keys: string[];
  message: Outgoing;
}

/** The span in which a rule is the one that applies for a task and month. */
export interface RuleWindow {
  task: Task;
  month: MonthKey;
  rule: ReminderRule;
  from: Date;
  until: Date;
}

/**
 * A task's reminder rules for a month as consecutive windows: each rule applies from its own time
 * until the next rule's. So after downtime only the reminder that fits now is sent — a "3 days
 * before" DM found on the due day gives way to the due-day one. The last rule stays useful until
 * the end of the following working day.
 */
export function ruleWindows(task: Task, month: MonthKey, catalog: TaskCatalog): RuleWindow[] {
  // Pure in (task, month, catalog), and asked for after every message (the scheduler's refresh):
  // computed once per catalog, which is immutable, and kept.
  let cache = windowCache.get(catalog);
  if (!cache) windowCache.set(catalog, (cache = new Map()));
  const key = `${task.id}|${month}`;
  let windows = cache.get(key);
  if (!windows) cache.set(key, (windows = computeRuleWindows(task, month, catalog)));
  return windows;
}

const windowCache = new WeakMap<TaskCatalog, Map<string, RuleWindow[]>>();

function computeRuleWindows(task: Task, month: MonthKey, catalog: TaskCatalog): RuleWindow[] {
  const due = dueDateOf(task, month);
  const rules = task.reminders ?? catalog.defaults.reminders;
  const timed = rules
    .map((rule) => ({ rule, day: workCalendar.addWorkdays(due, rule.workdays) }))
    .map(({ rule, day }) => ({ rule, day, from: atLocalTime(day, rule.at) }))
    .sort((a, b) => a.from.getTime() - b.from.getTime());
  return timed.map(({ rule, day, from }, i) => ({
    task,
    month,
    rule,
    from,
    until: timed[i + 1]?.from ?? atLocalTime(workCalendar.addWorkdays(day, 1), catalog.defaults.working_hours.end),
  }));
}

/** Reminders go out only on working days, within working hours. */
export function isWorkingTime(now: Date, catalog: TaskCatalog): boolean {
  const local = localDateTime(now);
  const hhmm = local.toFormat('HH:mm');
  const { start, end } = catalog.defaults.working_hours;
  return workCalendar.isWorkday(local.toISODate()!) && hhmm >= start && hhmm < end;
}

/** The first moment at or after `time` that is working time. */
export function nextWorkingTime(time: Date, catalog: TaskCatalog): Date {
  if (isWorkingTime(time, catalog)) return time;
  const { start } = catalog.defaults.working_hours;
  const today = localDateTime(time).toISODate()!;
  if (workCalendar.isWorkday(today) && time < atLocalTime(today, start)) return atLocalTime(today, start);
  return atLocalTime(workCalendar.addWorkdays(today, 1), start);
}

/** The months whose deadlines can have reminders due around `now`. */
export function monthsAround(now: Date): MonthKey[] {
  const month = monthOf(now);
  return [previousMonth(month), month, nextMonth(month)];
}

/**
 * What is due to be sent now: a pure function of the time, the tasks, the roster, the
 * submissions and exemptions, and what was already recorded as sent. The live bot, `simulate`
 * and the tests all call exactly this.
 */
export function planReminders(now: Date, catalog: TaskCatalog, roster: Roster, db: Readonly<Db>): PlannedMessage[] {
  if (!isWorkingTime(now, catalog)) return [];
  const recorded = new Set(db.outbox.flatMap((e) => e.keys));
  const items: ReminderItem[] = [];
  for (const month of monthsAround(now)) {
    for (const task of catalog.tasks) {
      const active = ruleWindows(task, month, catalog).find((w) => w.from <= now && now < w.until);
      if (!active) continue;
      items.push(...itemsFor(active, catalog, roster, db).filter((item) => !recorded.has(item.key)));
    }
  }
  return [...calendarNotices(now, roster, recorded), ...renderReminders(items, roster), ...planRankingDrafts(now, monthsAround(now), catalog, roster, db, recorded)];
}

/** Who hears about each section still owing the task, one key per recipient. */
export function itemsFor(window: RuleWindow, catalog: TaskCatalog, roster: Roster, db: Readonly<Db>): ReminderItem[] {
  const { task, month, rule } = window;
  const deadline = deadlineOf(task, month, catalog);
  const missing = catalog.sectionsOwing(task).filter((s) => isOwed(sectionStatus(db, month, task.id, s)));
  return missing.flatMap((sectionId) => {
    const base = { task, month, sectionId, deadline, audience: rule.audience };
    const key = (recipient: string) => `${month}|${task.id}|${sectionId}|${rule.id}|${recipient}`;
    switch (rule.audience) {
      case 'reporters':
        return roster.membersWithRole(sectionId, 'reporter').map((p) => ({ ...base, recipient: p.id, key: key(p.id) }));
      case 'heads':
        return roster.membersWithRole(sectionId, 'head').map((p) => ({ ...base, recipient: p.id, key: key(p.id) }));
      case 'admins':
        return roster.admins().map((p) => ({ ...base, recipient: p.id, key: key(p.id) }));
      case 'group':
        return [{ ...base, recipient: `group:${roster.mainGroup.id}`, key: key('group') }];
    }
  });
}

/** Whether some admin still has to hear that a year around `now` has no holiday schedule. */
export function calendarNoticePending(now: Date, roster: Roster, db: Readonly<Db>): boolean {
  return calendarNotices(now, roster, new Set(db.outbox.flatMap((e) => e.keys))).length > 0;
}

/** Once per year without a published holiday schedule: tell the admins weekdays are assumed. */
function calendarNotices(now: Date, roster: Roster, recorded: Set<string>): PlannedMessage[] {
  const years = [...new Set(monthsAround(now).map((m) => Number(m.slice(0, 4))))].filter((y) => !workCalendar.hasScheduleFor(y));
  return years.flatMap((year) =>
    roster.admins().flatMap((admin) => {
      const key = `calendar|${year}|${admin.id}`;
      if (recorded.has(key)) return [];
      return [{ keys: [key], message: { to: { kind: 'direct' as const, personId: admin.id }, mentions: [], content: { text: renderCalendarNotice(year) } } }];
    }),
  );
}

import { workCalendar } from '../calendar/work-calendar';
import type { PlannedMessage } from '../model/planned-message';
import type { Roster } from '../org/roster';
import type { ReminderState, Submission } from '../store/schema';
import type { StateView } from '../store/state-view';
import { isOwed, type SubmissionsView } from '../submissions/records';
import type { TaskCatalog } from '../tasks/catalog';
import { atLocalTime, deadlineOf, monthOf, nextMonth, previousMonth, type MonthKey } from '../tasks/period';
import { localDateTime } from '../time';
import { draftTime, planRankingDrafts } from '../ranking/draft';
import { calendarPart, directMessage, digestPart, groupMessage, headPart, reporterPart, type MessagePart, type ReminderItem } from './reminder-messages';
import { roundsOf, triggersOf, type Trigger } from './rounds';
import type { OutboxView } from './outbox-records';

/** What one run of the reminder job records, in one store transaction, before anything is sent. */
export interface RunPlan {
  planned: PlannedMessage[];
  /** The job's bookkeeping after this run (first run, passes made). */
  state: ReminderState;
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
 * When the bot first ran. A store from before this was recorded has its first outbox entry or
 * submission as evidence; a fresh one starts now.
 */
export function firstRunOf(view: Pick<StateView, 'submissions' | 'outbox'>, now: Date): Date {
  const { firstRunAt } = view.outbox.reminderState();
  if (firstRunAt) return new Date(firstRunAt);
  const earlier = [view.outbox.firstCreatedAt(), view.submissions.firstSubmittedAt()].flatMap((t) => (t ? [new Date(t).getTime()] : []));
  return new Date(Math.min(now.getTime(), ...earlier));
}

/** What the planner reads: what is owed (submissions), what was already sent (outbox), what was published (rankings). */
export type PlanningView = Pick<StateView, 'submissions' | 'outbox' | 'rankings'>;

/**
 * What the job does when it runs at `now`: a pure function of the time, the tasks, the roster
 * and the store. Each working day has one pass for direct messages (`direct_at`) and one for the
 * group (`group_at`); a pass runs at the first run at or after its time and is recorded with its
 * messages, so a restart at any moment neither repeats nor skips it. The live bot, `simulate`,
 * `提醒 预览` and the tests all call exactly this.
 */
export function planRun(now: Date, catalog: TaskCatalog, roster: Roster, view: PlanningView): RunPlan {
  const state: ReminderState = { ...view.outbox.reminderState(), firstRunAt: firstRunOf(view, now).toISOString() };
  if (!isWorkingTime(now, catalog)) return { planned: [], state };
  const firstRun = new Date(state.firstRunAt!);
  const recorded = view.outbox.recordedKeys();
  const today = localDateTime(now).toISODate()!;
  const { direct_at, group_at } = catalog.defaults.reminders;
  const planned: PlannedMessage[] = [];
  if (passDue(now, today, direct_at, state.directPassAt)) {
    planned.push(...directPass(now, today, firstRun, catalog, roster, view.submissions, state.directPassAt, recorded));
    state.directPassAt = now.toISOString();
  }
  if (passDue(now, today, group_at, state.groupPassAt)) {
    planned.push(...groupPass(now, today, firstRun, catalog, roster, view.submissions, state.groupPassAt));
    state.groupPassAt = now.toISOString();
  }
  planned.push(...planRankingDrafts(now, monthsAround(now), firstRun, catalog, roster, view, recorded));
  return { planned: planned.filter((p) => !p.keys.every((k) => recorded.has(k))), state };
}

/** Today's pass is due once its time has come, unless it already ran today. */
function passDue(now: Date, today: string, at: string, lastPass: string | undefined): boolean {
  return now >= atLocalTime(today, at) && (!lastPass || localDateTime(new Date(lastPass)).toISODate()! < today);
}

/**
 * The rules of an audience that fall on a day since the previous pass (after downtime, the days
 * missed are caught up in one message), up to today.
 */
function triggersSince(audiences: string[], today: string, lastPass: string | undefined, now: Date, catalog: TaskCatalog): Trigger[] {
  const since = lastPass ? localDateTime(new Date(lastPass)).toISODate()! : workCalendar.addWorkdays(today, -1);
  return triggersAround(monthsAround(now), catalog).filter((t) => audiences.includes(t.rule.audience) && t.date > since && t.date <= today);
}

const triggerCache = new WeakMap<TaskCatalog, Map<string, Trigger[]>>();

/**
 * Every rule's days in the rounds around `months`: the same all month for a catalog, and the
 * calendar arithmetic behind them is most of a planner run, so they are worked out once.
 */
function triggersAround(months: MonthKey[], catalog: TaskCatalog): Trigger[] {
  let byMonths = triggerCache.get(catalog);
  if (!byMonths) triggerCache.set(catalog, (byMonths = new Map()));
  const key = months.join('+');
  let triggers = byMonths.get(key);
  if (!triggers) {
    triggers = triggersOf(roundsOf([previousMonth(months[0]!), ...months, nextMonth(months.at(-1)!)], catalog), catalog.defaults.reminders.rules);
    byMonths.set(key, triggers);
  }
  return triggers;
}

/**
 * Everything still owed whose deadline falls before the end of `untilDate` and after the bot's
 * first run, overdue items included — they stay in the reminders until submitted or exempt.
 */
function owedItems(now: Date, untilDate: string, firstRun: Date, catalog: TaskCatalog, submissions: SubmissionsView): ReminderItem[] {
  const items: ReminderItem[] = [];
  for (const month of monthsAround(now)) {
    for (const task of catalog.tasks) {
      const deadline = deadlineOf(task, month, catalog);
      if (deadline < firstRun || localDateTime(deadline).toISODate()! > untilDate) continue;
      for (const sectionId of catalog.sectionsOwing(task)) {
        if (isOwed(submissions.status(month, task.id, sectionId))) items.push({ task, month, sectionId, deadline });
      }
    }
  }
  return items.sort((a, b) => a.deadline.getTime() - b.deadline.getTime());
}

function lastRoundDate(triggers: Trigger[]): string {
  return triggers.map((t) => t.round.last).sort().at(-1)!;
}

/** One direct message per person at most: their reporter, head and admin parts together. */
function directPass(now: Date, today: string, firstRun: Date, catalog: TaskCatalog, roster: Roster, submissions: SubmissionsView, lastPass: string | undefined, recorded: ReadonlySet<string>): PlannedMessage[] {
  const parts = new Map<string, MessagePart[]>();
  const keys = new Map<string, string[]>();
  const add = (personId: string, part: MessagePart, key?: string) => {
    parts.set(personId, [...(parts.get(personId) ?? []), part]);
    keys.set(personId, [...(keys.get(personId) ?? [`dm|${today}|${personId}`]), ...(key ? [key] : [])]);
  };
  for (const { personId, key, part } of calendarNotices(now, roster, recorded)) add(personId, part, key);
  for (const audience of ['reporters', 'heads'] as const) {
    const triggers = triggersSince([audience], today, lastPass, now, catalog);
    if (!triggers.length) continue;
    const items = owedItems(now, lastRoundDate(triggers), firstRun, catalog, submissions);
    const role = audience === 'reporters' ? 'reporter' : 'head';
    for (const person of roster.people.filter((p) => p.roles.includes(role))) {
      const own = items.filter((i) => person.sections.includes(i.sectionId));
      if (!own.length) continue;
      add(person.id, audience === 'reporters' ? reporterPart(person, own, now, roster) : headPart(person, own, now, roster));
    }
  }
  if (catalog.defaults.reminders.admin_digest) {
    const since = lastPass ? new Date(lastPass) : firstRun;
    const cameIn = latestPerItem(submissions.cameIn(since, now));
    const overdue = owedItems(now, today, firstRun, catalog, submissions).filter((i) => i.deadline < now);
    const newlyOverdue = overdue.some((i) => i.deadline >= since);
    if (cameIn.length || newlyOverdue) {
      for (const admin of roster.admins()) add(admin.id, digestPart(since, cameIn, overdue, catalog, roster));
    }
  }
  return [...parts].map(([personId, personParts]) => ({ keys: keys.get(personId)!, message: directMessage(personId, personParts) }));
}

/** A section that submitted a task again (a correction) came in once: its latest submission stands for it. */
function latestPerItem(submissions: Submission[]): Submission[] {
  const latest = new Map<string, Submission>();
  for (const s of submissions) {
    const key = `${s.month}|${s.taskId}|${s.sectionId}`;
    const seen = latest.get(key);
    if (!seen || seen.submittedAt <= s.submittedAt) latest.set(key, s);
  }
  return [...latest.values()];
}

/** One group message a day at most, mentioning the reporters of every section still owing. */
function groupPass(now: Date, today: string, firstRun: Date, catalog: TaskCatalog, roster: Roster, submissions: SubmissionsView, lastPass: string | undefined): PlannedMessage[] {
  const triggers = triggersSince(['group'], today, lastPass, now, catalog);
  if (!triggers.length) return [];
  const items = owedItems(now, lastRoundDate(triggers), firstRun, catalog, submissions).filter((i) => roster.membersWithRole(i.sectionId, 'reporter').length);
  if (!items.length) return [];
  const groupId = roster.mainGroup.id;
  return [{ keys: [`group|${today}|${groupId}`], message: groupMessage(groupId, items, now, roster) }];
}

/**
 * When the job next has something to look at: the next pass (every working day), a month's
 * draft or a retry. Waking daily means a process started at any moment —
 * a Sunday included — reaches the next working morning and continues the same plan.
 */
export function nextWake(after: Date, catalog: TaskCatalog, outbox: OutboxView): Date | null {
  const { direct_at, group_at } = catalog.defaults.reminders;
  const candidates: number[] = [];
  let day = localDateTime(after).toISODate()!;
  if (!workCalendar.isWorkday(day)) day = workCalendar.addWorkdays(day, 1);
  for (let i = 0; i < 2 && !candidates.length; i++, day = workCalendar.addWorkdays(day, 1)) {
    candidates.push(...[direct_at, group_at].map((at) => atLocalTime(day, at).getTime()).filter((t) => t > after.getTime()));
  }
  const months = monthsAround(after);
  candidates.push(...months.map((m) => draftTime(m, catalog).getTime()));
  const retry = outbox.nextAttemptAt();
  if (retry) candidates.push(nextWorkingTime(new Date(Math.max(retry.getTime(), after.getTime() + 60_000)), catalog).getTime());
  const future = candidates.filter((t) => t > after.getTime());
  return future.length ? new Date(Math.min(...future)) : null;
}

/** Once per year without a published holiday schedule: tell the admins (in their day's message) that weekdays are assumed. */
function calendarNotices(now: Date, roster: Roster, recorded: ReadonlySet<string>): Array<{ personId: string; key: string; part: MessagePart }> {
  const years = [...new Set(monthsAround(now).map((m) => Number(m.slice(0, 4))))].filter((y) => !workCalendar.hasScheduleFor(y));
  return years.flatMap((year) =>
    roster.admins()
      .map((admin) => ({ personId: admin.id, key: `calendar|${year}|${admin.id}`, part: calendarPart(year) }))
      .filter(({ key }) => !recorded.has(key)),
  );
}

import { workCalendar } from '../calendar/work-calendar';
import type { TaskCatalog } from '../tasks/catalog';
import { dueDateOf, type MonthKey } from '../tasks/period';
import type { ReminderRule } from '../tasks/schema';

/**
 * Due dates close together, reminded as one: November's 20th, 25th and 26th form one round
 * with `combine_within_workdays: 3`, so nobody hears about the 25th and the 26th separately.
 */
export interface Round {
  /** Local dates, "2026-11-20". */
  first: string;
  last: string;
}

/** A rule's day in a round. */
export interface Trigger {
  rule: ReminderRule;
  round: Round;
  date: string;
}

/**
 * The rounds of the deadlines in `months` (in order): each due date joins the previous round
 * when it is at most `combine_within_workdays` working days after that round's last date.
 */
export function roundsOf(months: MonthKey[], catalog: TaskCatalog): Round[] {
  const dates = [...new Set(months.flatMap((m) => catalog.tasks.map((task) => dueDateOf(task, m))))].sort();
  const within = catalog.defaults.reminders.combine_within_workdays;
  const rounds: Round[] = [];
  for (const date of dates) {
    const current = rounds.at(-1);
    if (current && workCalendar.addWorkdays(current.last, within) >= date) current.last = date;
    else rounds.push({ first: date, last: date });
  }
  return rounds;
}

/** The working day a rule falls on: counted back from the round's first date, or on from its last. */
export function triggerDate(rule: ReminderRule, round: Round): string {
  const anchor = rule.workdays < 0 ? round.first : round.last;
  // A due date left on a holiday (on_holiday: unchanged) is reminded on the next working day.
  return workCalendar.addWorkdays(workCalendar.nearestWorkday(anchor, 'next'), rule.workdays);
}

export function triggersOf(rounds: Round[], rules: ReminderRule[]): Trigger[] {
  return rounds.flatMap((round) => rules.map((rule) => ({ rule, round, date: triggerDate(rule, round) })));
}

import { createRequire } from 'node:module';
import { DateTime } from 'luxon';
import { ZONE } from '../time';

/** chinese-days' own data: public holidays and the weekend days that are worked (调休). */
const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};

const YEARS_WITH_DATA = new Set(Object.keys(data.holidays).map((d) => Number(d.slice(0, 4))));

/**
 * China's working days from the State Council's published schedule (via chinese-days). For a
 * year the package has no schedule for yet, weekdays are working days; `hasScheduleFor` lets the
 * reminder planner tell the admins once.
 */
export const workCalendar = {
  hasScheduleFor(year: number): boolean {
    return YEARS_WITH_DATA.has(year);
  },

  /** `date` is a local calendar date, "2026-10-10". */
  isWorkday(date: string): boolean {
    if (date in data.workdays) return true;
    if (date in data.holidays) return false;
    const weekday = DateTime.fromISO(date, { zone: ZONE }).weekday;
    return weekday <= 5;
  },

  /** The working day `n` working days after (n > 0) or before (n < 0) `date`; n = 0 is `date` itself. */
  addWorkdays(date: string, n: number): string {
    let day = DateTime.fromISO(date, { zone: ZONE });
    const step = n < 0 ? -1 : 1;
    for (let left = Math.abs(n); left > 0; ) {
      day = day.plus({ days: step });
      if (this.isWorkday(day.toISODate()!)) left--;
    }
    return day.toISODate()!;
  },

  /** `date` if it is a working day, else the nearest one before (or after) it. */
  nearestWorkday(date: string, direction: 'previous' | 'next'): string {
    let day = DateTime.fromISO(date, { zone: ZONE });
    while (!this.isWorkday(day.toISODate()!)) day = day.plus({ days: direction === 'previous' ? -1 : 1 });
    return day.toISODate()!;
  },
};

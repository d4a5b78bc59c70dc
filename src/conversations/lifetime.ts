import { workCalendar } from '../calendar/work-calendar';
import type { TaskCatalog } from '../tasks/catalog';
import { atLocalTime } from '../tasks/period';
import { localDateTime } from '../time';

/** Set-aside and lapsed forms are kept this long for 继续填报, then pruned. */
export const PARKED_RETENTION_DAYS = 7;

/** When a half-filled form lapses, and when its filler is reminded before that. */
export interface FormLifetime {
  expiry(lastAnswer: Date): Date;
  reminderAt(expiry: Date): Date;
}

/**
 * Forms live in working days, as the office does: by default until the end of working hours on
 * the next working day after the last answer (a form started on Friday lives until Monday
 * evening), with a reminder a couple of hours before.
 */
export function workdayLifetime(catalog: TaskCatalog): FormLifetime {
  const { form_lapse_workdays: workdays, form_reminder_minutes: minutes, working_hours: hours } = catalog.defaults;
  return {
    expiry(lastAnswer) {
      const day = workCalendar.addWorkdays(localDateTime(lastAnswer).toISODate()!, workdays);
      return atLocalTime(day, hours.end);
    },
    reminderAt(expiry) {
      return new Date(expiry.getTime() - minutes * 60_000);
    },
  };
}

export function parkedUntil(parkedAt: string): Date {
  return new Date(new Date(parkedAt).getTime() + PARKED_RETENTION_DAYS * 86_400_000);
}

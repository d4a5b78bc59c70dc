import { DateTime } from 'luxon';
import { t } from './prompts';

/** The department's time zone: deadlines, working hours and output timestamps are all in it. */
export const ZONE = 'Asia/Shanghai';

/** `2026-11-20T09:00:00+08:00` */
export function formatLocalIso(time: Date): string {
  return DateTime.fromJSDate(time, { zone: ZONE }).toISO({ suppressMilliseconds: true })!;
}

/** `2026-11-20 09:00` */
export function formatLocalMinute(time: Date): string {
  return DateTime.fromJSDate(time, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm');
}

export function localDateTime(time: Date): DateTime {
  return DateTime.fromJSDate(time, { zone: ZONE });
}

/** `11月26日 18:00` — deadlines and submission times in messages. */
export function formatDayTime(time: Date): string {
  return DateTime.fromJSDate(time, { zone: ZONE }).toFormat(t('format.day_time'));
}

/** `11月26日（周四）18:00` */
export function formatDeadlineWithWeekday(deadline: Date): string {
  const local = localDateTime(deadline);
  return t('format.deadline_with_weekday', { date: local.toFormat(t('format.month_day')), weekday: [...t('format.weekdays')][local.weekday - 1]!, time: local.toFormat('HH:mm') });
}

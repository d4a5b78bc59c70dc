import { describe, expect, it } from 'vitest';
import { loadRoster } from '../../src/org/roster';
import { loadTaskCatalog } from '../../src/tasks/catalog';
import { deadlineOf, monthLabel, monthOf, parseMonth, previousMonth } from '../../src/tasks/period';

const now = new Date('2026-11-20T10:00:00+08:00');

describe('months and deadlines', () => {
  it('takes the month in Beijing time', () => {
    expect(monthOf(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12');
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(monthLabel('2026-03')).toBe('2026年3月');
  });

  it.each([
    ['11月', '2026-11'], ['12月', '2026-12'], ['5月', '2026-05'], ['4月', '2027-04'], ['1月', '2027-01'], ['3月份', '2027-03'], ['2026-10', '2026-10'], ['2026年9月', '2026-09'],
    ['2026.8', '2026-08'], ['本月', '2026-11'], ['上月', '2026-10'], ['13月', undefined], ['双公示', undefined],
  ])('reads %s as %s (a month without a year is the nearest one, 6 back to 5 ahead)', (text, month) => {
    expect(parseMonth(text, now)).toBe(month);
  });

  it('puts the deadline on the due day at the due time, or the month end when shorter', () => {
    const catalog = loadTaskCatalog('data/tasks.yaml', loadRoster('data/org.yaml'));
    const task = { ...catalog.task('double_publicity')!, due_day: 31 };
    expect(deadlineOf(catalog.task('double_publicity')!, '2026-11', catalog)).toEqual(new Date('2026-11-26T18:00:00+08:00'));
    expect(deadlineOf(task, '2026-02', catalog)).toEqual(new Date('2026-02-28T18:00:00+08:00'));
    expect(deadlineOf({ ...task, due_time: '09:30' }, '2026-11', catalog)).toEqual(new Date('2026-11-30T09:30:00+08:00'));
  });
});

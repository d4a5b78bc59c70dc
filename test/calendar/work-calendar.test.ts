import { describe, expect, it } from 'vitest';
import { workCalendar } from '../../src/calendar/work-calendar';

describe('workCalendar', () => {
  it('knows the 2026 Spring Festival and its worked Saturday', () => {
    expect(['2026-02-14', '2026-02-15', '2026-02-23', '2026-02-24', '2026-02-28'].map((d) => workCalendar.isWorkday(d))).toEqual([true, false, false, true, true]);
  });

  it('knows National Day 2026 and the worked Saturday 10-10', () => {
    expect(['2026-09-30', '2026-10-01', '2026-10-07', '2026-10-08', '2026-10-10', '2026-10-11'].map((d) => workCalendar.isWorkday(d))).toEqual([true, false, false, true, true, false]);
  });

  it('counts working days across holidays', () => {
    expect(workCalendar.addWorkdays('2026-02-24', -3)).toBe('2026-02-12');
    expect(workCalendar.addWorkdays('2026-10-08', -1)).toBe('2026-09-30');
    expect(workCalendar.addWorkdays('2026-10-09', 1)).toBe('2026-10-10');
    expect(workCalendar.addWorkdays('2026-11-26', 0)).toBe('2026-11-26');
  });

  it('moves a date off a holiday in either direction', () => {
    expect(workCalendar.nearestWorkday('2026-10-04', 'previous')).toBe('2026-09-30');
    expect(workCalendar.nearestWorkday('2026-10-04', 'next')).toBe('2026-10-08');
    expect(workCalendar.nearestWorkday('2026-07-26', 'previous')).toBe('2026-07-24');
  });

  it('falls back to Monday–Friday for a year without a published schedule', () => {
    expect(workCalendar.hasScheduleFor(2026)).toBe(true);
    expect(workCalendar.hasScheduleFor(2099)).toBe(false);
    expect(['2099-01-01', '2099-01-03', '2099-01-05'].map((d) => workCalendar.isWorkday(d))).toEqual([true, false, true]);
  });
});

import { describe, expect, it } from 'vitest';
import { loadRoster } from '../../src/org/roster';
import { isWorkingTime, nextWorkingTime, ruleWindows } from '../../src/reminders/planner';
import { loadTaskCatalog } from '../../src/tasks/catalog';

const catalog = loadTaskCatalog('data/tasks.yaml', loadRoster('data/org.yaml'));
const at = (s: string) => new Date(s);

describe('the planner\'s calendar', () => {
  it('lays a task\'s rules out as consecutive windows', () => {
    const windows = ruleWindows(catalog.task('red_black_list')!, '2026-11', catalog);
    expect(windows.map((w) => [w.rule.id, w.from, w.until])).toEqual([
      ['reporters_3d', at('2026-11-17T09:30:00+08:00'), at('2026-11-19T10:00:00+08:00')],
      ['group_1d', at('2026-11-19T10:00:00+08:00'), at('2026-11-20T09:00:00+08:00')],
      ['heads_due', at('2026-11-20T09:00:00+08:00'), at('2026-11-23T09:30:00+08:00')],
      ['admins_after', at('2026-11-23T09:30:00+08:00'), at('2026-11-24T17:30:00+08:00')],
    ]);
  });

  it('knows working time: working days, 09:00 to 17:30', () => {
    expect(isWorkingTime(at('2026-11-20T09:00:00+08:00'), catalog)).toBe(true);
    expect(isWorkingTime(at('2026-11-20T17:30:00+08:00'), catalog)).toBe(false);
    expect(isWorkingTime(at('2026-11-21T10:00:00+08:00'), catalog)).toBe(false);
    expect(isWorkingTime(at('2026-02-28T10:00:00+08:00'), catalog)).toBe(true);
    expect(isWorkingTime(at('2026-10-05T10:00:00+08:00'), catalog)).toBe(false);
  });

  it('finds the next working moment', () => {
    expect(nextWorkingTime(at('2026-11-20T08:00:00+08:00'), catalog)).toEqual(at('2026-11-20T09:00:00+08:00'));
    expect(nextWorkingTime(at('2026-11-20T18:00:00+08:00'), catalog)).toEqual(at('2026-11-23T09:00:00+08:00'));
    expect(nextWorkingTime(at('2026-09-30T18:00:00+08:00'), catalog)).toEqual(at('2026-10-08T09:00:00+08:00'));
    expect(nextWorkingTime(at('2026-11-20T11:00:00+08:00'), catalog)).toEqual(at('2026-11-20T11:00:00+08:00'));
  });
});

import { describe, expect, it } from 'vitest';
import { loadRoster } from '../../src/org/roster';
import { isWorkingTime, nextWorkingTime } from '../../src/reminders/planner';
import { roundsOf, triggersOf } from '../../src/reminders/rounds';
import { loadTaskCatalog } from '../../src/tasks/catalog';

const catalog = loadTaskCatalog('data/tasks.yaml', loadRoster('data/org.yaml'));
const at = (s: string) => new Date(s);

describe('the planner\'s calendar', () => {
  it('reminds deadlines at most three working days apart together, as one round', () => {
    // 20th (Fri), 25th (Wed, three working days on), 26th: one round. In December the 20th (a
    // Sunday) moves to Friday 18th and the 26th (a Saturday) to the 25th, five working days on: two rounds.
    expect(roundsOf(['2026-11', '2026-12'], catalog)).toEqual([
      { first: '2026-11-20', last: '2026-11-26' },
      { first: '2026-12-18', last: '2026-12-18' },
      { first: '2026-12-25', last: '2026-12-25' },
    ]);
  });

  it('counts "before" rules back from a round\'s first due date and the rest on from its last', () => {
    const [november] = roundsOf(['2026-11'], catalog);
    expect(triggersOf([november!], catalog.defaults.reminders.rules).map((t) => `${t.rule.id} ${t.date}`)).toEqual([
      'reporters_3d 2026-11-17',
      'group_1d 2026-11-19',
      'heads_1d 2026-11-19',
      'heads_due 2026-11-26',
      'reporters_due 2026-11-26',
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

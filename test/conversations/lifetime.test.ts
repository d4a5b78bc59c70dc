import { describe, expect, it } from 'vitest';
import { workdayLifetime } from '../../src/conversations/lifetime';
import { loadRoster } from '../../src/org/roster';
import { loadTaskCatalog } from '../../src/tasks/catalog';
import { formatLocalMinute } from '../../src/time';

const lifetime = workdayLifetime(loadTaskCatalog('data/tasks.yaml', loadRoster('data/org.yaml')));
const expiry = (local: string) => formatLocalMinute(lifetime.expiry(new Date(local)));

describe('a form lives until the end of the next working day', () => {
  it.each([
    ['a Tuesday morning', '2026-11-24T10:00:00+08:00', '2026-11-25 17:30'],
    ['a Tuesday late evening', '2026-11-24T23:00:00+08:00', '2026-11-25 17:30'],
    ['a Friday', '2026-11-20T15:30:00+08:00', '2026-11-23 17:30'],
    ['a Saturday', '2026-11-21T10:00:00+08:00', '2026-11-23 17:30'],
    ['the eve of the National Day holiday', '2026-09-30T10:00:00+08:00', '2026-10-08 17:30'],
  ])('last answer on %s', (_, at, lapses) => {
    expect(expiry(at)).toBe(lapses);
  });

  it('reminds two hours before it lapses, within working hours', () => {
    expect(formatLocalMinute(lifetime.reminderAt(lifetime.expiry(new Date('2026-11-24T10:00:00+08:00'))))).toBe('2026-11-25 15:30');
  });
});

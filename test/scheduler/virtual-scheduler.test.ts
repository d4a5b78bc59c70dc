import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock';
import type { Job } from '../../src/scheduler/job';
import { VirtualScheduler } from '../../src/scheduler/virtual-scheduler';
import { captureLog } from '../helpers/silent-logger';

function everyHours(name: string, hours: number, ran: string[], clock: VirtualClock, fail = false): Job {
  return {
    name,
    nextRun: (after) => new Date(Math.floor(after.getTime() / (hours * 3_600_000) + 1) * hours * 3_600_000),
    run: async (now) => {
      expect(clock.now()).toEqual(now);
      ran.push(`${name}@${now.toISOString().slice(11, 16)}`);
      if (fail) throw new Error('job failed');
    },
  };
}

describe('VirtualScheduler', () => {
  it('runs every job due on the way, in time order, with the clock at each job\'s time', async () => {
    const clock = new VirtualClock(new Date('2026-11-20T00:30:00Z'));
    const ran: string[] = [];
    const scheduler = new VirtualScheduler(clock, [everyHours('two', 2, ran, clock), everyHours('three', 3, ran, clock)], captureLog().log);
    await scheduler.advanceTo(new Date('2026-11-20T06:30:00Z'));
    expect(ran).toEqual(['two@02:00', 'three@03:00', 'two@04:00', 'two@06:00', 'three@06:00']);
    expect(clock.now()).toEqual(new Date('2026-11-20T06:30:00Z'));
  });

  it('logs a failing job and keeps its schedule', async () => {
    const clock = new VirtualClock(new Date('2026-11-20T00:30:00Z'));
    const ran: string[] = [];
    const captured = captureLog();
    await new VirtualScheduler(clock, [everyHours('bad', 1, ran, clock, true)], captured.log).advanceTo(new Date('2026-11-20T02:30:00Z'));
    expect(ran).toEqual(['bad@01:00', 'bad@02:00']);
    expect(captured.lines().filter((l) => l.msg === 'scheduled job failed')).toHaveLength(2);
  });

  it('arms a catch-up job after its startup run, whose outcome decides when it is next due', async () => {
    const clock = new VirtualClock(new Date('2026-11-20T00:30:00Z'));
    const ran: string[] = [];
    let pending = false;
    const job: Job = {
      name: 'retry',
      runAtStartup: true,
      // Nothing to do until the startup run leaves something pending, then an hour later.
      nextRun: (after) => (pending ? new Date(after.getTime() + 3_600_000) : null),
      run: async (now) => {
        ran.push(now.toISOString().slice(11, 16));
        pending = ran.length === 1;
      },
    };
    const scheduler = new VirtualScheduler(clock, [job], captureLog().log);
    await scheduler.advanceTo(new Date('2026-11-20T00:30:00Z'));
    await scheduler.advanceTo(new Date('2026-11-20T03:00:00Z'));
    expect(ran).toEqual(['00:30', '01:30']);
  });

  it('never moves the clock backwards', () => {
    const clock = new VirtualClock(new Date('2026-11-20T00:00:00Z'));
    expect(() => clock.set(new Date('2026-11-19T00:00:00Z'))).toThrow(/cannot go back/);
  });
});

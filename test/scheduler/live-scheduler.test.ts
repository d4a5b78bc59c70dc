import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock';
import { LiveScheduler } from '../../src/scheduler/live-scheduler';
import { captureLog } from '../helpers/silent-logger';

describe('LiveScheduler', () => {
  it('wakes a job through node-schedule and re-arms it until stopped', async () => {
    const runs: Date[] = [];
    const scheduler = new LiveScheduler(systemClock, captureLog().log);
    let done!: () => void;
    const twice = new Promise<void>((r) => (done = r));
    scheduler.start([
      {
        name: 'tick',
        nextRun: (after) => new Date(after.getTime() + 20),
        run: async (now) => {
          runs.push(now);
          if (runs.length === 2) done();
        },
      },
    ]);
    await twice;
    scheduler.stop();
    const count = runs.length;
    await new Promise((r) => setTimeout(r, 80));
    expect(runs.length).toBe(count);
  });
});

describe('LiveScheduler.refresh', () => {
  it('wakes a job earlier when what it has to do changed', async () => {
    const scheduler = new LiveScheduler(systemClock, captureLog().log);
    let soon = false;
    let ran!: () => void;
    const woke = new Promise<void>((r) => (ran = r));
    await scheduler.start([
      {
        name: 'outbox',
        // Nothing to do for an hour, until something is queued.
        nextRun: (after) => new Date(after.getTime() + (soon ? 20 : 3_600_000)),
        run: async () => ran(),
      },
    ]);
    soon = true;
    scheduler.refresh();
    await woke;
    scheduler.stop();
  });
});

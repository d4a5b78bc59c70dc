import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Outgoing } from '../../src/model/message';
import { loadRoster } from '../../src/org/roster';
import { reminderJob } from '../../src/reminders/reminder-job';
import { LowdbStore } from '../../src/store/lowdb-store';
import { Store } from '../../src/store/store';
import { loadTaskCatalog } from '../../src/tasks/catalog';
import { captureLog } from '../helpers/silent-logger';
import { tempDir } from '../helpers/temp-dir';

const roster = loadRoster('data/org.yaml');
const catalog = loadTaskCatalog('data/tasks.yaml', roster);
const at = (s: string) => new Date(s);

async function setup(failures: number) {
  const engine = await LowdbStore.open(path.join(tempDir(), 'db.json'));
  const store = new Store(engine);
  const sent: Outgoing[] = [];
  let failuresLeft = failures;
  const log = captureLog();
  const job = reminderJob({
    store,
    catalog,
    roster,
    log: log.log,
    send: async (out) => {
      if (failuresLeft-- > 0) throw new Error('platform unavailable');
      sent.push(out);
    },
  });
  return { engine, sent, job, log };
}

describe('the reminder job', () => {
  it('wakes at every working day\'s passes, so a start on a Sunday reaches Monday morning', async () => {
    const { job } = await setup(0);
    expect(job.nextRun(at('2026-11-16T12:00:00+08:00'))).toEqual(at('2026-11-17T09:30:00+08:00'));
    expect(job.nextRun(at('2026-11-17T09:30:00+08:00'))).toEqual(at('2026-11-17T10:00:00+08:00'));
    expect(job.nextRun(at('2026-11-22T15:00:00+08:00'))).toEqual(at('2026-11-23T09:30:00+08:00'));
    // National Day: from the eve of the holiday to the first working day after it.
    expect(job.nextRun(at('2026-09-30T18:00:00+08:00'))).toEqual(at('2026-10-08T09:30:00+08:00'));
  });

  it('records before sending, retries a failed send with back-off, and never sends twice', async () => {
    const { engine, sent, job, log } = await setup(2);
    await job.run(at('2026-11-17T09:30:00+08:00'));
    // A DM to each of the seven reporters; the platform refuses the first two.
    expect(engine.data.outbox).toHaveLength(7);
    expect(sent).toHaveLength(5);
    const pending = engine.data.outbox.filter((e) => e.status === 'pending');
    expect(pending).toHaveLength(2);
    expect(pending.map((e) => [e.attempts, e.lastError, e.nextAttemptAt])).toEqual([
      [1, 'platform unavailable', at('2026-11-17T09:31:00+08:00').toISOString()],
      [1, 'platform unavailable', at('2026-11-17T09:31:00+08:00').toISOString()],
    ]);
    expect(log.lines().filter((l) => l.msg === 'outbox send failed; will retry')).toHaveLength(2);
    // The first retry is a minute later; the job wakes for it.
    expect(job.nextRun(at('2026-11-17T09:30:00+08:00'))).toEqual(at('2026-11-17T09:31:00+08:00'));
    await job.run(at('2026-11-17T09:31:00+08:00'));
    expect(sent).toHaveLength(7);
    expect(engine.data.outbox.every((e) => e.status === 'sent')).toBe(true);
    await job.run(at('2026-11-17T10:00:00+08:00'));
    await job.run(at('2026-11-17T11:00:00+08:00'));
    expect(sent).toHaveLength(7);
    // Each send carries its outbox id, for platforms that dedupe by it.
    expect(sent.map((o) => o.idempotencyKey).sort()).toEqual(engine.data.outbox.map((e) => e.id).sort());
  });

  it('holds a retry that falls after hours until the next working morning', async () => {
    const { engine, sent, job } = await setup(1);
    await job.run(at('2026-11-17T09:30:00+08:00'));
    await engine.update((db) => {
      for (const e of db.outbox) if (e.status === 'pending') e.nextAttemptAt = at('2026-11-17T17:45:00+08:00').toISOString();
    });
    expect(job.nextRun(at('2026-11-17T17:40:00+08:00'))).toEqual(at('2026-11-18T09:00:00+08:00'));
    await job.run(at('2026-11-17T17:50:00+08:00'));
    expect(sent).toHaveLength(6);
    await job.run(at('2026-11-18T09:00:00+08:00'));
    expect(sent).toHaveLength(7);
  });
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { housekeepingJob } from '../../src/core/housekeeping';
import { LowdbStore } from '../../src/store/lowdb-store';
import { Store } from '../../src/store/store';
import { tempDir } from '../helpers/temp-dir';

describe('housekeeping', () => {
  it('runs nightly at 03:00 Beijing time', async () => {
    const job = housekeepingJob(new Store(await LowdbStore.open(path.join(tempDir(), 'db.json'))));
    expect(job.nextRun(new Date('2026-11-20T10:00:00+08:00'))).toEqual(new Date('2026-11-21T03:00:00+08:00'));
    expect(job.nextRun(new Date('2026-11-20T02:59:00+08:00'))).toEqual(new Date('2026-11-20T03:00:00+08:00'));
    expect(job.nextRun(new Date('2026-11-20T03:00:00+08:00'))).toEqual(new Date('2026-11-21T03:00:00+08:00'));
  });

  it('forgets message ids and cards older than a week, keeps the rest', async () => {
    const engine = await LowdbStore.open(path.join(tempDir(), 'db.json'));
    await engine.update((db) => {
      db.seenMessages.old = '2026-11-01T00:00:00.000Z';
      db.seenMessages.recent = '2026-11-18T00:00:00.000Z';
      db.cards.sent.old = { chat: 'c', thread: 'c#notices', card: { title: '旧' }, sentAt: '2026-11-01T00:00:00.000Z' };
      db.cards.sent.recent = { chat: 'c', thread: 'c#notices', card: { title: '新' }, sentAt: '2026-11-18T00:00:00.000Z' };
      db.cards.latest['c#old'] = { messageId: 'old', sentAt: '2026-11-01T00:00:00.000Z' };
      db.cards.latest['c#notices'] = { messageId: 'recent', sentAt: '2026-11-18T00:00:00.000Z' };
    });
    await housekeepingJob(new Store(engine)).run(new Date('2026-11-20T00:00:00Z'));
    expect(Object.keys(engine.data.seenMessages)).toEqual(['recent']);
    expect(Object.keys(engine.data.cards.sent)).toEqual(['recent']);
    expect(Object.keys(engine.data.cards.latest)).toEqual(['c#notices']);
  });
});

import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import { OutboxChanges, OutboxView } from '../../src/reminders/outbox-records';
import { emptyDb, type OutboxEntry } from '../../src/store/schema';

function entry(id: string, keys: string[], status: OutboxEntry['status'], at: string): OutboxEntry {
  return { id, keys, message: { to: { kind: 'direct', personId: 'wang-fang' }, content: { kind: 'text', text: '提醒' }, mentions: [] } as OutboxEntry['message'], createdAt: at, status, attempts: 1, nextAttemptAt: at, ...(status === 'sent' ? { sentAt: at } : {}) };
}

describe('the outbox keeps only the keys of entries done with days ago', () => {
  const db = {
    ...emptyDb(),
    outbox: [
      entry('old', ['2026-10|dm|wang-fang'], 'sent', '2026-10-30T01:30:00.000Z'),
      entry('recent', ['2026-11|dm|wang-fang'], 'sent', '2026-11-23T01:30:00.000Z'),
      entry('waiting', ['2026-11|group'], 'pending', '2026-10-29T01:30:00.000Z'),
    ],
  };

  it('archives entries sent more than three days ago under their month, and keeps pending ones whole', () => {
    const after = produce(db, (draft) => new OutboxChanges(draft).archiveDone(new Date('2026-11-24T03:00:00Z')));
    expect(after.outbox.map((e) => e.id)).toEqual(['recent', 'waiting']);
    expect(after.outboxArchive).toEqual({ '2026-10': ['2026-10|dm|wang-fang'] });
  });

  it('still counts archived keys as recorded, so nothing is planned twice', () => {
    const after = produce(db, (draft) => new OutboxChanges(draft).archiveDone(new Date('2026-11-24T03:00:00Z')));
    expect([...new OutboxView(after).recordedKeys()].sort()).toEqual([...new OutboxView(db).recordedKeys()].sort());
  });
});

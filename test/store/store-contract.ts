import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/schema';
import type { StateEngine } from '../../src/store/state-engine';
import { Store } from '../../src/store/store';

/** What the contract needs of a store under test. */
export interface StoreUnderContract {
  /**
   * Opens a store on fresh, empty storage; `reopen` opens the same storage again, as after a
   * restart; `breakWrites` makes its next writes fail, as a full disk or a lost table would.
   */
  fresh(): Promise<{ store: StateEngine; reopen: () => Promise<StateEngine>; breakWrites: () => Promise<void> }>;
}

/** A submission record, in the month given. */
export function submission(id: string, month: string): Db['submissions'][number] {
  return { id, month, taskId: 'shuang-gongshi', sectionId: 'commerce', answers: {}, formVersion: 'v', submittedBy: 'wang-fang', submittedAt: `${month}-20T01:00:00.000Z`, late: false };
}

/** The contract every store keeps, run against each (lowdb-store.test.ts, postgres-store.test.ts). */
export function storeContract(name: string, under: () => StoreUnderContract): void {
  describe(`the ${name} store keeps the store contract`, () => {
    it('keeps what was changed across a restart: hot state, history of several months, ids seen', async () => {
      const { store, reopen } = await under().fresh();
      const answer = await store.update((db) => {
        db.submissions.push(submission('a', '2026-10'), submission('b', '2026-11'));
        db.seenMessages['lark|m1'] = '2026-11-20T01:00:00.000Z';
        db.reminderState = { firstRunAt: '2026-10-01T00:00:00.000Z' };
        return 'done';
      });
      await store.update((db) => void (db.submissions[0]!.supersededAt = '2026-10-21T00:00:00.000Z'));
      await store.update((db) => void delete db.seenMessages['lark|m1']);
      await store.update((db) => {
        db.cards.sent['lark|om1'] = { chat: 'lark|dm:wang-fang', thread: 'lark|dm:wang-fang#with:wang-fang', card: { title: '填报', buttons: [{ label: '确认', value: '确认' }] }, sentAt: '2026-11-20T01:00:00.000Z' };
        db.cards.sent['lark|om2'] = { ...db.cards.sent['lark|om1']!, sentAt: '2026-11-20T02:00:00.000Z' };
        db.cards.latest['lark|dm:wang-fang#with:wang-fang'] = { messageId: 'om2', sentAt: '2026-11-20T02:00:00.000Z' };
      });
      await store.update((db) => {
        delete db.cards.sent['lark|om1'];
        db.cards.sent['lark|om2']!.answeredAt = '2026-11-20T03:00:00.000Z';
      });
      await store.close();

      const again = await reopen();
      expect(answer).toBe('done');
      expect(again.data).toEqual(store.data);
      expect(again.data.submissions.map((s) => [s.id, s.supersededAt ?? null])).toEqual([['a', '2026-10-21T00:00:00.000Z'], ['b', null]]);
      expect(Object.keys(again.data.cards.sent)).toEqual(['lark|om2']);
      expect(again.data.cards.sent['lark|om2']!.answeredAt).toBe('2026-11-20T03:00:00.000Z');
      await again.close();
    });

    it('applies concurrent changes one after another without losing any', async () => {
      const { store, reopen } = await under().fresh();
      await Promise.all(Array.from({ length: 40 }, (_, i) => store.update((db) => void (db.seenMessages[`m${i}`] = '2026-11-20T01:00:00.000Z'))));
      await store.close();
      const again = await reopen();
      expect(Object.keys(again.data.seenMessages)).toHaveLength(40);
      await again.close();
    });

    it('changes nothing when a change throws', async () => {
      const { store } = await under().fresh();
      await expect(
        store.update((db) => {
          db.seenMessages.x = '2026-11-20T01:00:00.000Z';
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(store.data.seenMessages).toEqual({});
      await store.close();
    });

    it('goes back to what was stored when a write fails, and rejects the change', async () => {
      const { store, reopen, breakWrites } = await under().fresh();
      await store.update((db) => void db.submissions.push(submission('a', '2026-11')));
      await breakWrites();
      await expect(store.update((db) => void db.submissions.push(submission('b', '2026-11')))).rejects.toThrow();
      expect(store.data.submissions.map((s) => s.id)).toEqual(['a']);
      await store.close();
      const again = await reopen().catch(() => undefined);
      if (again) {
        expect(again.data.submissions.map((s) => s.id)).toEqual(['a']);
        await again.close();
      }
    });

    it('hands out a read-only state', async () => {
      const { store } = await under().fresh();
      await store.update((db) => void db.submissions.push(submission('a', '2026-11')));
      expect(() => {
        (store.data.submissions as unknown[]).push(submission('b', '2026-11'));
      }).toThrow();
      await store.close();
    });

    it('answers the narrow operations the bot uses, the same after a restart and after compaction', async () => {
      const { store: engine, reopen } = await under().fresh();
      const store = new Store(engine);
      const at = new Date('2026-11-20T02:00:00.000Z');
      const cell = { month: '2026-10', taskId: 'shuang-gongshi', sectionId: 'commerce', formVersion: 'v', submittedBy: 'wang-fang' };
      const reminder = { to: { kind: 'direct' as const, personId: 'wang-fang' }, mentions: [], content: { text: '提醒' } };
      await store.change((tx) => {
        tx.submissions.add({ ...cell, answers: { count: 1 }, submittedAt: at, late: true });
        tx.submissions.exempt({ month: '2026-11', taskId: 'shuang-gongshi', sectionId: 'tax', reason: '本月无业务', by: 'li-na', at: at.toISOString() });
        tx.outbox.record([{ keys: ['dm|2026-11-20|wang-fang'], message: reminder }], at);
        tx.forms.put('simulate|wang-fang', { flow: 'submission', version: 1, step: 2, data: {}, updatedAt: at.toISOString(), expiresAt: '2026-11-21T09:00:00.000Z' });
        tx.seen.note('lark|m1', at);
      });
      const replaced = await store.change((tx) => tx.submissions.add({ ...cell, answers: { count: 2 }, submittedAt: new Date('2026-11-21T02:00:00.000Z'), late: true }));
      expect(replaced?.answers).toEqual({ count: 1 });
      const id = store.view.outbox.entries()[0]!.id;
      await store.change((tx) => tx.outbox.markSent(id, at));
      await store.close();

      const again = new Store(await reopen());
      expect(again.view.submissions.current('2026-10', 'shuang-gongshi', 'commerce')?.answers).toEqual({ count: 2 });
      expect(again.view.submissions.ofMonth('2026-10')).toHaveLength(2);
      expect(again.view.submissions.status('2026-11', 'shuang-gongshi', 'tax')).toBe('exempt');
      expect(again.view.submissions.status('2026-11', 'shuang-gongshi', 'commerce')).toBe('missing');
      expect(again.view.outbox.entry(id)?.status).toBe('sent');
      expect(again.view.forms.open('simulate|wang-fang')?.step).toBe(2);
      expect(again.view.seen.has('lark|m1')).toBe(true);
      await again.change((tx) => tx.outbox.archiveDone(new Date('2026-11-30T00:00:00.000Z')));
      await again.close();

      const compacted = new Store(await reopen());
      expect(compacted.view.outbox.entries()).toEqual([]);
      expect(compacted.view.outbox.recordedKeys().has('dm|2026-11-20|wang-fang')).toBe(true);
      await compacted.close();
    });
  });
}

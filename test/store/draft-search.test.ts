import { freeze, produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { changesOf } from '../../src/store/state-view';
import { emptyDb, type Db } from '../../src/store/schema';
import { eachUnchanged, findRecord } from '../../src/store/draft-search';

const rows = freeze([{ id: 'a', n: 1 }, { id: 'b', n: 2 }], true);

describe('finding a record inside a transaction', () => {
  it('finds a committed record as the draft has it, so a change through it is kept', () => {
    const after = produce(rows, (draft) => {
      findRecord(draft, (r) => r.id === 'b')!.n = 20;
    });
    expect(after).toEqual([{ id: 'a', n: 1 }, { id: 'b', n: 20 }]);
  });

  it('finds a record added in the same transaction, and none that is nowhere', () => {
    produce(rows, (draft) => {
      draft.push({ id: 'c', n: 3 });
      expect(findRecord(draft, (r) => r.id === 'c')).toEqual({ id: 'c', n: 3 });
      expect(findRecord(draft, (r) => r.id === 'z')).toBeUndefined();
    });
  });

  it('visits the committed records and then the added ones', () => {
    const seen: string[] = [];
    produce(rows, (draft) => {
      draft.push({ id: 'c', n: 3 });
      eachUnchanged(draft, (r) => seen.push(r.id));
    });
    expect(seen).toEqual(['a', 'b', 'c']);
  });
});

describe('a section submitting the same task twice in one transaction', () => {
  it('keeps the last one in force and the earlier ones as history', () => {
    const base = freeze(emptyDb(), true) as Db;
    const cell = { month: '2026-11', taskId: 'double_publicity', sectionId: 'commerce', formVersion: 'v', submittedBy: 'wang-fang', late: false };
    const after = produce(base, (draft) => {
      const tx = changesOf(draft);
      tx.submissions.add({ ...cell, answers: { n: 1 }, submittedAt: new Date('2026-11-20T01:00:00Z') });
      tx.submissions.add({ ...cell, answers: { n: 2 }, submittedAt: new Date('2026-11-20T02:00:00Z') });
      expect(tx.submissions.current('2026-11', 'double_publicity', 'commerce')?.answers).toEqual({ n: 2 });
    });
    expect(after.submissions.map((s) => [s.answers.n, s.supersededAt !== undefined])).toEqual([
      [1, true],
      [2, false],
    ]);
  });
});

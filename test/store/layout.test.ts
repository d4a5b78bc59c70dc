import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { monthsChanged } from '../../src/store/layout';
import { emptyDb } from '../../src/store/schema';
import { submission } from './store-contract';

describe('which month files a change touches', () => {
  const before = produce(emptyDb(), (db) => void db.submissions.push(submission('a', '2026-09'), submission('b', '2026-10'), submission('c', '2026-11')));

  it('a record added: its month', () => {
    expect(monthsChanged(before, produce(before, (db) => void db.submissions.push(submission('d', '2026-11'))))).toEqual(new Set(['2026-11']));
  });

  it('a record changed in place: its month only', () => {
    expect(monthsChanged(before, produce(before, (db) => void (db.submissions[1]!.late = true)))).toEqual(new Set(['2026-10']));
  });

  it('a record removed: its month', () => {
    expect(monthsChanged(before, produce(before, (db) => void (db.submissions = db.submissions.filter((s) => s.id !== 'a'))))).toEqual(new Set(['2026-09']));
  });

  it('keys archived: their month; nothing changed: none', () => {
    expect(monthsChanged(before, produce(before, (db) => void (db.outboxArchive['2026-08'] = ['k'])))).toEqual(new Set(['2026-08']));
    expect(monthsChanged(before, before)).toEqual(new Set());
  });
});

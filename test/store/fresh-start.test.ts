import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { moveStoreAside } from '../../src/store/fresh-start';
import { LowdbStore } from '../../src/store/lowdb-store';
import { emptyDb } from '../../src/store/schema';
import { tempDir } from '../helpers/temp-dir';
import { submission } from './store-contract';

describe('a fresh start (npm start -- --fresh)', () => {
  it('moves aside what a crash left in the log with the files, so the old state can be put back whole', async () => {
    const file = path.join(tempDir(), 'db.json');
    const store = await LowdbStore.open(file);
    await store.update((db) => void db.submissions.push(submission('a', '2026-11')));
    await store.update((db) => void (db.seenMessages['lark|m1'] = '2026-11-20T01:00:00.000Z'));
    // No close: the process died with the message id only in db.json.log.

    const backup = await moveStoreAside(file, new Date('2026-11-24T01:00:00Z'));

    expect(existsSync(`${file}.log`)).toBe(false);
    expect((await LowdbStore.open(file)).data).toEqual(emptyDb());
    renameSync(path.join(path.dirname(file), 'history.20261124-090000.bak'), path.join(path.dirname(file), 'history'));
    renameSync(`${file}.log.20261124-090000.bak`, `${file}.log`);
    renameSync(backup!, file);
    const restored = await LowdbStore.open(file);
    expect(restored.data.submissions.map((s) => s.id)).toEqual(['a']);
    expect(restored.data.seenMessages).toEqual({ 'lark|m1': '2026-11-20T01:00:00.000Z' });
  });
});

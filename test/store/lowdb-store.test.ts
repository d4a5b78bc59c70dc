import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DB_VERSION, emptyDb } from '../../src/store/schema';
import { LowdbStore } from '../../src/store/lowdb-store';
import { hotPart } from '../../src/store/layout';
import { DurableJsonFile } from '../../src/store/durable-file';
import { storeContract, submission } from './store-contract';
import { StartupError } from '../../src/startup-error';
import { tempDir } from '../helpers/temp-dir';

function dbPath(content?: string): string {
  const file = path.join(tempDir(), 'db.json');
  if (content !== undefined) writeFileSync(file, content);
  return file;
}

async function openError(file: string): Promise<string> {
  const error = await LowdbStore.open(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StartupError);
  return (error as Error).message;
}

describe('the lowdb store', () => {
  it('creates a fresh versioned file, directories included', async () => {
    const file = path.join(tempDir(), 'nested', 'db.json');
    const store = await LowdbStore.open(file);
    expect(store.data).toEqual(emptyDb());
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(hotPart(emptyDb()));
    expect(existsSync(path.join(path.dirname(file), 'history'))).toBe(true);
  });

  it('keeps memory and file unchanged when the write fails', async () => {
    const dir = tempDir();
    const store = await LowdbStore.open(path.join(dir, 'db.json'));
    const before = readFileSync(store.file, 'utf8');
    // lowdb writes to a temporary file and renames it; a directory in its place makes that fail.
    mkdirSync(path.join(dir, '.db.json.tmp'));
    await expect(store.update((db) => void (db.seenMessages.x = '2026-11-20T01:00:00.000Z'))).rejects.toThrow(/EISDIR/);
    expect(store.data.seenMessages).toEqual({});
    expect(readFileSync(store.file, 'utf8')).toBe(before);
  });

  it('refuses a corrupt file with a clear message and never overwrites it', async () => {
    const file = dbPath('{"version":1,"seenMessages":{');
    expect(await openError(file)).toMatch(/数据文件 .*db\.json 不是有效的 JSON。机器人已停止，文件未被改动/);
    expect(readFileSync(file, 'utf8')).toBe('{"version":1,"seenMessages":{');
  });

  it('refuses a file whose content does not fit the schema, naming the field', async () => {
    const bad = JSON.stringify({ ...emptyDb(), seenMessages: { m1: 42 } });
    const file = dbPath(bad);
    expect(await openError(file)).toMatch(/字段 seenMessages\.m1 无效/);
    expect(readFileSync(file, 'utf8')).toBe(bad);
  });

  it('refuses a file that is not an object, or is unreadable', async () => {
    expect(await openError(dbPath('[1,2]'))).toMatch(/应为 JSON 对象/);
    const dir = path.join(tempDir(), 'db.json');
    mkdirSync(dir);
    expect(await openError(dir)).toMatch(/无法读取（EISDIR）/);
  });

  it('refuses a file written by a newer release', async () => {
    const newer = JSON.stringify({ ...emptyDb(), version: DB_VERSION + 1 });
    const file = dbPath(newer);
    expect(await openError(file)).toMatch(new RegExp(`版本为 ${DB_VERSION + 1}，而本程序只支持到 ${DB_VERSION}`));
    expect(readFileSync(file, 'utf8')).toBe(newer);
  });

  it('migrates the unversioned prototype file and keeps a backup of it', async () => {
    const legacy = JSON.stringify({ seenMessages: { 'lark|old': '2026-11-01T00:00:00.000Z' } });
    const file = dbPath(legacy);
    const store = await LowdbStore.open(file);
    expect(store.data).toEqual({ ...emptyDb(), seenMessages: { 'lark|old': '2026-11-01T00:00:00.000Z' } });
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(DB_VERSION);
    expect(readFileSync(`${file}.v0.bak`, 'utf8')).toBe(legacy);
  });

  it('migrates a version 1 file, adding the submission and points collections', async () => {
    const v1 = JSON.stringify({ version: 1, seenMessages: { 'lark|m': '2026-11-01T00:00:00.000Z' }, conversations: {}, choices: {} });
    const file = dbPath(v1);
    const store = await LowdbStore.open(file);
    expect(store.data).toEqual({ ...emptyDb(), seenMessages: { 'lark|m': '2026-11-01T00:00:00.000Z' } });
    expect(readFileSync(`${file}.v1.bak`, 'utf8')).toBe(v1);
  });

  it('migrates a version 4 file: set-aside forms, pending publications, the reminder state, and cards for the button list', async () => {
    const { parkedForms: _p, pendingPublications: _q, reminderState: _r, cards: _c, ...rest } = emptyDb();
    const v4 = JSON.stringify({ ...rest, version: 4, choices: { 'simulate|dm:wang-fang': { options: [], sentAt: '2026-11-01T00:00:00.000Z' } } });
    const file = dbPath(v4);
    const store = await LowdbStore.open(file);
    expect(store.data).toEqual(emptyDb());
    expect(readFileSync(`${file}.v4.bak`, 'utf8')).toBe(v4);
  });

  it('does not rewrite or back up a file that is already current', async () => {
    const file = dbPath(JSON.stringify(emptyDb()));
    await LowdbStore.open(file);
    expect(existsSync(`${file}.v${DB_VERSION}.bak`)).toBe(false);
  });
});

describe('the lowdb store: the hot state apart from the history', () => {
  it('keeps each month\'s records in history/<month>.json and the rest in db.json', async () => {
    const file = dbPath();
    const store = await LowdbStore.open(file);
    await store.update((db) => {
      db.submissions.push(submission('a', '2026-10'), submission('b', '2026-11'));
      db.seenMessages['lark|m1'] = '2026-11-20T01:00:00.000Z';
    });
    const history = path.join(path.dirname(file), 'history');
    expect(JSON.parse(readFileSync(path.join(history, '2026-10.json'), 'utf8')).submissions.map((s: { id: string }) => s.id)).toEqual(['a']);
    expect(JSON.parse(readFileSync(path.join(history, '2026-11.json'), 'utf8')).submissions.map((s: { id: string }) => s.id)).toEqual(['b']);
    expect(JSON.parse(readFileSync(file, 'utf8')).submissions).toBeUndefined();
    expect((await LowdbStore.open(file)).data).toEqual(store.data);
  });

  it('writes only what a change touched: a closed month is not rewritten, chatter writes no history', async () => {
    const file = dbPath();
    const store = await LowdbStore.open(file);
    await store.update((db) => void db.submissions.push(submission('a', '2026-10')));
    const october = path.join(path.dirname(file), 'history', '2026-10.json');
    const writtenAt = statSync(october).mtimeMs;
    const hotAt = statSync(file).mtimeMs;
    await new Promise((resolve) => setTimeout(resolve, 20));

    await store.update((db) => void db.submissions.push(submission('b', '2026-11')));
    await store.update((db) => void (db.seenMessages['lark|m2'] = '2026-11-20T01:00:00.000Z'));
    await store.update(() => 'nothing changed');

    expect(statSync(october).mtimeMs).toBe(writtenAt);
    expect(statSync(file).mtimeMs).toBeGreaterThan(hotAt);
  });

  it('commits changes made while a write is under way together, each resolving once on disk', async () => {
    const store = await LowdbStore.open(dbPath());
    const writes = vi.spyOn(DurableJsonFile.prototype, 'write');
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.update((db) => void (db.seenMessages[`m${i}`] = '2026-11-20T01:00:00.000Z'))));
    expect(writes.mock.calls.length).toBeLessThan(5);
    expect(Object.keys((await LowdbStore.open(store.file)).data.seenMessages)).toHaveLength(50);
    writes.mockRestore();
  });

  it('finishes a commit a crash cut short, from its journal', async () => {
    const file = dbPath();
    const store = await LowdbStore.open(file);
    await store.update((db) => void db.submissions.push(submission('a', '2026-11')));
    // The crash came after the journal was on disk, before db.json and the month file were written.
    const hot = { ...JSON.parse(readFileSync(file, 'utf8')), conversations: {} };
    const month = { month: '2026-11', submissions: [submission('a', '2026-11'), submission('b', '2026-11')], exemptions: [], pointsItems: [], rankings: [], outboxKeys: [] };
    writeFileSync(`${file}.journal`, JSON.stringify({ hot, months: [month] }));

    const reopened = await LowdbStore.open(file);

    expect(reopened.data.submissions.map((s) => s.id)).toEqual(['a', 'b']);
    expect(existsSync(`${file}.journal`)).toBe(false);
  });

  it('ignores a journal torn by the crash: the commit never happened', async () => {
    const file = dbPath();
    const store = await LowdbStore.open(file);
    await store.update((db) => void db.submissions.push(submission('a', '2026-11')));
    writeFileSync(`${file}.journal`, '{"hot": {"version": 6, "seenMe');

    expect((await LowdbStore.open(file)).data.submissions.map((s) => s.id)).toEqual(['a']);
    expect(existsSync(`${file}.journal`)).toBe(false);
  });

  it('splits a version 5 file into db.json and month files, keeping the old file as a backup', async () => {
    const { outboxArchive: _a, ...v5 } = { ...emptyDb(), version: 5, submissions: [submission('a', '2026-09'), submission('b', '2026-11')] };
    const file = dbPath(JSON.stringify(v5));

    const store = await LowdbStore.open(file);

    expect(store.data.submissions.map((s) => s.id)).toEqual(['a', 'b']);
    expect(readFileSync(`${file}.v5.bak`, 'utf8')).toBe(JSON.stringify(v5));
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(6);
    expect(existsSync(path.join(path.dirname(file), 'history', '2026-09.json'))).toBe(true);
    expect((await LowdbStore.open(file)).data).toEqual(store.data);
  });

  it('keeps the state read-only outside a change, records handed back by a change included', async () => {
    const store = await LowdbStore.open(dbPath());
    await store.update((db) => void db.submissions.push(submission('a', '2026-11')));
    const changed = await store.update((db) => {
      db.submissions[0]!.late = true;
      return db.submissions[0]!;
    });
    expect(changed.late).toBe(true);
    expect(() => {
      (changed as { late: boolean }).late = false;
    }).toThrow();
    expect(() => {
      (store.data.submissions as unknown[]).push(submission('b', '2026-11'));
    }).toThrow();
  });
});

storeContract('lowdb', () => ({
  async fresh() {
    const file = dbPath();
    return {
      store: await LowdbStore.open(file),
      reopen: () => LowdbStore.open(file),
      async breakWrites() {
        // Every file is written through a temporary file beside it; a directory in its place fails the write.
        mkdirSync(path.join(path.dirname(file), 'history', '.2026-11.json.tmp'));
        mkdirSync(path.join(path.dirname(file), '.db.json.tmp'));
      },
    };
  },
}));

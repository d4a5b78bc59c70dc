import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DB_VERSION, emptyDb } from '../../src/store/schema';
import { LowdbStore } from '../../src/store/lowdb-store';
import { hotPart } from '../../src/store/layout';
import { HotLog } from '../../src/store/hot-log';
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

  it('keeps memory and files unchanged when the write fails', async () => {
    const dir = tempDir();
    const store = await LowdbStore.open(path.join(dir, 'db.json'));
    const before = readFileSync(store.file, 'utf8');
    const append = vi.spyOn(HotLog.prototype, 'append').mockRejectedValueOnce(new Error('ENOSPC: no space left on device'));
    await expect(store.update((db) => void (db.seenMessages.x = '2026-11-20T01:00:00.000Z'))).rejects.toThrow(/ENOSPC/);
    append.mockRestore();
    expect(store.data.seenMessages).toEqual({});
    expect(readFileSync(store.file, 'utf8')).toBe(before);
    expect((await LowdbStore.open(store.file)).data.seenMessages).toEqual({});
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
    const hot = readFileSync(file, 'utf8');
    await new Promise((resolve) => setTimeout(resolve, 20));

    await store.update((db) => void db.submissions.push(submission('b', '2026-11')));
    await store.update((db) => void (db.seenMessages['lark|m2'] = '2026-11-20T01:00:00.000Z'));
    await store.update(() => 'nothing changed');

    expect(statSync(october).mtimeMs).toBe(writtenAt);
    // The message id seen is one line in the log; db.json is not rewritten for it.
    expect(readFileSync(file, 'utf8')).toBe(hot);
    expect(readFileSync(`${file}.log`, 'utf8').trim().split('\n')).toEqual([JSON.stringify([{ map: 'seenMessages', key: 'lark|m2', value: '2026-11-20T01:00:00.000Z' }])]);
  });

  it('commits changes made while a write is under way together, each resolving once on disk', async () => {
    const store = await LowdbStore.open(dbPath());
    const writes = vi.spyOn(HotLog.prototype, 'append');
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

  it('refuses a month file whose records do not fit the schema, naming the file and the field', async () => {
    const file = dbPath();
    const store = await LowdbStore.open(file);
    await store.update((db) => void db.submissions.push(submission('a', '2026-11')));
    await store.close();
    const november = path.join(path.dirname(file), 'history', '2026-11.json');
    const bad = JSON.stringify({ ...JSON.parse(readFileSync(november, 'utf8')), submissions: [{ ...submission('a', '2026-11'), late: 'yes' }] });
    writeFileSync(november, bad);

    expect(await openError(file)).toMatch(/数据文件 .*history\/2026-11\.json 的字段 submissions\[0\]\.late 无效/);
    expect(readFileSync(november, 'utf8')).toBe(bad);
  });

  it('finishes a commit whose journal carries changes for the log, a line already appended counting once', async () => {
    const file = dbPath();
    await LowdbStore.open(file);
    const changes = [{ map: 'cards.latest', key: 'lark|dm:wang-fang#with:wang-fang', value: { messageId: 'om1', sentAt: '2026-11-20T01:00:00.000Z' } }];
    const month = { month: '2026-11', submissions: [submission('a', '2026-11')], exemptions: [], pointsItems: [], rankings: [], outboxKeys: [] };
    // The crash came after the line was appended, before the month file was written.
    writeFileSync(`${file}.log`, `${JSON.stringify(changes)}\n`);
    writeFileSync(`${file}.journal`, JSON.stringify({ log: changes, months: [month] }));

    const reopened = await LowdbStore.open(file);

    expect(reopened.data.submissions.map((s) => s.id)).toEqual(['a']);
    expect(reopened.data.cards.latest).toEqual({ 'lark|dm:wang-fang#with:wang-fang': { messageId: 'om1', sentAt: '2026-11-20T01:00:00.000Z' } });
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

describe('the lowdb store: changes to the hot state in a log', () => {
  it('keeps what a crash left in the log, and folds it into db.json at the next start', async () => {
    const file = dbPath();
    const store = await LowdbStore.open(file);
    await store.update((db) => {
      db.seenMessages['lark|m1'] = '2026-11-20T01:00:00.000Z';
      db.cards.latest['lark|group:g#notices'] = { messageId: 'om1', sentAt: '2026-11-20T01:00:00.000Z' };
    });
    await store.update((db) => void delete db.seenMessages['lark|m1']);
    // No close: the process died here.

    const reopened = await LowdbStore.open(file);

    expect(reopened.data).toEqual(store.data);
    expect(JSON.parse(readFileSync(file, 'utf8')).cards.latest).toEqual(store.data.cards.latest);
    expect(readFileSync(`${file}.log`, 'utf8')).toBe('');
  });

  it('cuts off a line torn by a crash: that commit never counted as done', async () => {
    const file = dbPath();
    const store = await LowdbStore.open(file);
    await store.update((db) => void (db.seenMessages['lark|m1'] = '2026-11-20T01:00:00.000Z'));
    writeFileSync(`${file}.log`, `${readFileSync(`${file}.log`, 'utf8')}[{"map":"seenMessages","key":"lark|m2","val`);

    expect(Object.keys((await LowdbStore.open(file)).data.seenMessages)).toEqual(['lark|m1']);
  });

  it('reads old lines over a db.json that already holds them without changing it (a crash between fold and emptying)', async () => {
    const file = dbPath();
    const store = await LowdbStore.open(file);
    await store.update((db) => void (db.seenMessages['lark|m1'] = '2026-11-20T01:00:00.000Z'));
    await store.update((db) => void delete db.seenMessages['lark|m1']);
    await store.update((db) => void (db.seenMessages['lark|m2'] = '2026-11-20T02:00:00.000Z'));
    const lines = readFileSync(`${file}.log`, 'utf8');
    await store.close();
    writeFileSync(`${file}.log`, lines);

    expect((await LowdbStore.open(file)).data.seenMessages).toEqual({ 'lark|m2': '2026-11-20T02:00:00.000Z' });
  });

  it('folds the log into db.json once it has grown as large as db.json, and at a clean stop', async () => {
    const file = dbPath();
    const store = await LowdbStore.open(file);
    await store.update((db) => void (db.seenMessages['lark|m0'] = '2026-11-20T01:00:00.000Z'));
    expect(readFileSync(`${file}.log`, 'utf8')).not.toBe('');
    // More than a megabyte of ids in one commit: the log outgrows db.json and is folded.
    await store.update((db) => {
      for (let i = 1; i <= 25_000; i++) db.seenMessages[`lark|m${i}`] = '2026-11-20T01:00:00.000Z';
    });
    expect(readFileSync(`${file}.log`, 'utf8')).toBe('');
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).seenMessages)).toHaveLength(25_001);

    await store.update((db) => void (db.seenMessages['lark|last'] = '2026-11-20T01:00:00.000Z'));
    await store.close();
    expect(readFileSync(`${file}.log`, 'utf8')).toBe('');
    expect(JSON.parse(readFileSync(file, 'utf8')).seenMessages['lark|last']).toBe('2026-11-20T01:00:00.000Z');
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

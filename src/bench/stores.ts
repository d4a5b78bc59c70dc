import { createHash } from 'node:crypto';
import { cp, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { migrate } from '../store/migrations';
import { dbSchema, type Db } from '../store/schema';
import { OutboxChanges } from '../reminders/outbox-records';
import { LowdbStore } from '../store/lowdb-store';
import { PostgresStore } from '../store/postgres-store';
import type { StateEngine } from '../store/state-engine';
import { SingleFileStore } from './single-file-store';

/**
 * A store `bench:scale` measures: how to put a generated state into it, and how the bot opens it.
 * Every store is measured on the same generated departments, through the same bot.
 */
export interface StoreUnderTest {
  /** Its name in the report and the JSON. */
  readonly name: string;
  /** Writes a generated state into an empty data directory, as this store keeps it. */
  seed(dataDir: string, state: Db): Promise<void>;
  /** Opens the store over a data directory, as the bot does when it starts. */
  open(dataDir: string): Promise<StateEngine>;
  /** What the store takes on disk, in bytes. */
  sizeOnDisk(dataDir: string): Promise<number>;
  /** Makes `to` an independent copy of the seeded `from`: each measurement changes its own copy. */
  copy(from: string, to: string): Promise<void>;
}

/** A generated state in the current schema: fixtures kept by an older release are migrated as the stores would. */
function current(state: Db): Db {
  return dbSchema.parse(migrate(state as unknown as Record<string, unknown>));
}

/** The state as today's stores keep it after a night's housekeeping: done outbox entries archived to their keys. */
function afterHousekeeping(state: Db): Db {
  const db = structuredClone(current(state));
  new OutboxChanges(db).archiveDone(new Date(Math.max(...db.outbox.map((e) => new Date(e.createdAt).getTime()), 0)));
  return db;
}

/** Puts a generated state, as after a night's housekeeping, into an engine opened on empty storage, and closes it. */
async function fill(engine: StateEngine, state: Db): Promise<void> {
  await engine.update((db) => void Object.assign(db, afterHousekeeping(state)));
  await engine.close();
}

/** The store before issue 14: the whole state in one lowdb file, copied and rewritten by every update. */
export const lowdbBefore: StoreUnderTest = {
  name: 'lowdb-before',
  async seed(dataDir, state) {
    await (await SingleFileStore.open(dbFile(dataDir), current(state))).close();
  },
  open: (dataDir) => SingleFileStore.open(dbFile(dataDir)),
  sizeOnDisk: directorySize,
  copy: (from, to) => cp(from, to, { recursive: true }),
};

/** Today's embedded store: hot state and month files, immutable updates writing what they touch. */
export const lowdb: StoreUnderTest = {
  name: 'lowdb',
  async seed(dataDir, state) {
    await fill(await LowdbStore.open(dbFile(dataDir)), state);
  },
  open: (dataDir) => LowdbStore.open(dbFile(dataDir)),
  sizeOnDisk: directorySize,
  copy: (from, to) => cp(from, to, { recursive: true }),
};

/**
 * The PostgreSQL store, on the server `bench:scale` starts (fsync on) and names in
 * BENCH_POSTGRES_URL for its child processes: each data directory stands for a database of its own.
 */
export const postgres: StoreUnderTest = {
  name: 'postgres',
  async seed(dataDir, state) {
    await adminQuery(`create database ${databaseOf(dataDir)}`);
    await fill(await PostgresStore.open(urlOf(dataDir)), state);
  },
  open: (dataDir) => PostgresStore.open(urlOf(dataDir)),
  async sizeOnDisk(dataDir) {
    const rows = await adminQuery(`select pg_database_size('${databaseOf(dataDir)}') as size`);
    return Number(rows[0]!.size);
  },
  async copy(from, to) {
    await adminQuery(`create database ${databaseOf(to)} template ${databaseOf(from)}`);
  },
};

/** The stores measured, in the order the report lists them. */
export const STORES: readonly StoreUnderTest[] = [lowdbBefore, lowdb, postgres];

function serverUrl(): string {
  const url = process.env.BENCH_POSTGRES_URL;
  if (!url) throw new Error('BENCH_POSTGRES_URL is not set: bench:scale starts the PostgreSQL server and sets it');
  return url;
}

/** A database name for a data directory: the path's hash, as names allow. */
function databaseOf(dataDir: string): string {
  return `bench_${createHash('sha1').update(path.resolve(dataDir)).digest('hex').slice(0, 16)}`;
}

function urlOf(dataDir: string): string {
  return serverUrl().replace(/\/[^/]*$/, `/${databaseOf(dataDir)}`);
}

async function adminQuery(sql: string): Promise<Array<Record<string, unknown>>> {
  // Loaded here, not at the top: a child measuring the embedded store must not hold the driver.
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

export function storeNamed(name: string): StoreUnderTest {
  const store = STORES.find((s) => s.name === name);
  if (!store) throw new Error(`no store named ${name}; known: ${STORES.map((s) => s.name).join(', ')}`);
  return store;
}

function dbFile(dataDir: string): string {
  return path.join(dataDir, 'db.json');
}

async function directorySize(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? await directorySize(full) : (await stat(full)).size;
  }
  return total;
}

import { cp, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../store/schema';
import { archiveDoneEntries } from '../reminders/outbox-keys';
import { LowdbStore } from '../store/lowdb-store';
import type { Store } from '../store/store';
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
  open(dataDir: string): Promise<Store>;
  /** What the store takes on disk, in bytes. */
  sizeOnDisk(dataDir: string): Promise<number>;
  /** Makes `to` an independent copy of the seeded `from`: each measurement changes its own copy. */
  copy(from: string, to: string): Promise<void>;
}

/** The store before issue 14: the whole state in one lowdb file, copied and rewritten by every update. */
export const lowdbBefore: StoreUnderTest = {
  name: 'lowdb-before',
  async seed(dataDir, state) {
    await (await SingleFileStore.open(dbFile(dataDir), state)).close();
  },
  open: (dataDir) => SingleFileStore.open(dbFile(dataDir)),
  sizeOnDisk: directorySize,
  copy: (from, to) => cp(from, to, { recursive: true }),
};

/**
 * Today's embedded store: hot state and month files, immutable updates writing what they touch.
 * Seeded as it stands after a night's housekeeping, done outbox entries archived to their keys.
 */
export const lowdb: StoreUnderTest = {
  name: 'lowdb',
  async seed(dataDir, state) {
    const store = await LowdbStore.open(dbFile(dataDir));
    const at = new Date(Math.max(...state.outbox.map((e) => new Date(e.createdAt).getTime()), 0));
    await store.update((db) => {
      Object.assign(db, state);
      archiveDoneEntries(db, at);
    });
    await store.close();
  },
  open: (dataDir) => LowdbStore.open(dbFile(dataDir)),
  sizeOnDisk: directorySize,
  copy: (from, to) => cp(from, to, { recursive: true }),
};

/** The stores measured, in the order the report lists them. */
export const STORES: readonly StoreUnderTest[] = [lowdbBefore, lowdb];

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

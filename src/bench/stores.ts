import { cp, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../store/schema';
import { Store } from '../store/store';

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

/** Today's store: the whole state in one lowdb file, rewritten by every update. */
export const lowdbBefore: StoreUnderTest = {
  name: 'lowdb-before',
  async seed(dataDir, state) {
    const store = await Store.open(dbFile(dataDir));
    await store.update((db) => Object.assign(db, state));
  },
  open: (dataDir) => Store.open(dbFile(dataDir)),
  sizeOnDisk: directorySize,
  copy: (from, to) => cp(from, to, { recursive: true }),
};

/** The stores measured, in the order the report lists them. */
export const STORES: readonly StoreUnderTest[] = [lowdbBefore];

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

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { JSONFile } from 'lowdb/node';
import type { Db } from '../store/schema';
import type { StateEngine } from '../store/state-engine';

/**
 * `bench:scale`'s baseline, "lowdb-before": the store as it was before issue 14 — the whole state
 * in one lowdb file, every update made on a deep copy of all of it and the whole file rewritten,
 * one update at a time, never fsync'ed. Kept only to be measured against, as bench:qa keeps its
 * MiniSearch baseline; the bot never uses it.
 */
export class SingleFileStore implements StateEngine {
  #adapter: JSONFile<Db>;
  #data: Db;
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(adapter: JSONFile<Db>, data: Db) {
    this.#adapter = adapter;
    this.#data = data;
  }

  /** Opens the file, which must hold a whole state (as `seed` writes it). */
  static async open(file: string, seed?: Db): Promise<SingleFileStore> {
    await mkdir(path.dirname(file), { recursive: true });
    const adapter = new JSONFile<Db>(file);
    if (seed) await adapter.write(seed);
    const data = await adapter.read();
    if (!data) throw new Error(`${file} holds no state`);
    return new SingleFileStore(adapter, data);
  }

  get data(): Readonly<Db> {
    return this.#data;
  }

  update<T>(change: (draft: Db) => T): Promise<T> {
    const run = async () => {
      const draft = structuredClone(this.#data);
      const result = change(draft);
      await this.#adapter.write(draft);
      this.#data = draft;
      return result;
    };
    const next = this.#queue.then(run, run);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    await this.#queue;
  }
}

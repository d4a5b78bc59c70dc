import type { Db } from './schema';

/**
 * What keeps the bot's state: lowdb files by default (lowdb-store.ts), or PostgreSQL for large
 * deployments (postgres-store.ts). Only the Store (store.ts) talks to it; the rest of the bot reads
 * and changes the state through the Store's narrow operations.
 */
export interface StateEngine {
  /** The state now, read-only and frozen: a change is made through `update`. */
  readonly data: Readonly<Db>;
  /**
   * Changes the state and resolves, with what `change` returned (a record of the state comes back
   * read-only), once the change is durable. A change that throws changes nothing; one that
   * changes nothing writes nothing. If the write fails, the state stays what was last stored and
   * the promise rejects.
   */
  update<T>(change: (draft: Db) => T): Promise<T>;
  /** Waits for what is being written, then lets go of the storage (files, connections, the active lock). */
  close(): Promise<void>;
}

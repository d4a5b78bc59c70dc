import type { Db } from './schema';

/**
 * The bot's persistent state, whatever keeps it: lowdb files by default (lowdb-store.ts), or
 * PostgreSQL for large deployments. Every part of the bot reads the state and changes it only
 * through this.
 */
export interface Store {
  /** The state now, read-only: a change is made through `update`. */
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

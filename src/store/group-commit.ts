import { current, freeze, isDraft, produce } from 'immer';
import type { Db } from './schema';

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * The state in memory and its way to storage, whatever the storage: changes are made on an
 * immutable state with structural sharing (immer), so a change costs what it changes and the
 * storage can tell what it touched by comparing references. Changes apply at once, one after
 * another; their writes are batched — whatever changed while a write was under way goes out
 * together in the next (group commit) — and each `update` resolves once its write is done. If a
 * write fails, the state goes back to what was last written and every change not yet written is
 * rejected.
 */
export class GroupCommit {
  readonly #write: (before: Db, after: Db) => Promise<void>;
  #data: Db;
  /** The state the storage holds. */
  #durable: Db;
  #waiting: Waiter[] = [];
  #writing: Promise<void> | undefined;

  constructor(data: Db, write: (before: Db, after: Db) => Promise<void>) {
    this.#data = freeze(data, true);
    this.#durable = this.#data;
    this.#write = write;
  }

  get data(): Readonly<Db> {
    return this.#data;
  }

  update<T>(change: (draft: Db) => T): Promise<T> {
    let result!: T;
    let next: Db;
    try {
      next = produce(this.#data, (draft) => {
        const value: unknown = change(draft as Db);
        // A record of the state handed back (the item just reviewed) is a read-only snapshot, not the draft.
        result = (isDraft(value) ? freeze(current(value), true) : value) as T;
      });
    } catch (error) {
      return Promise.reject(error);
    }
    if (next === this.#data) return Promise.resolve(result);
    this.#data = next;
    return new Promise<T>((resolve, reject) => {
      this.#waiting.push({ resolve: () => resolve(result), reject });
      this.#writing ??= this.#flush();
    });
  }

  /** Resolves once nothing is being written. */
  async settled(): Promise<void> {
    while (this.#writing) await this.#writing;
  }

  async #flush(): Promise<void> {
    try {
      while (this.#waiting.length) {
        const batch = this.#waiting.splice(0);
        const target = this.#data;
        try {
          await this.#write(this.#durable, target);
          this.#durable = target;
          for (const w of batch) w.resolve();
        } catch (error) {
          // Back to what the storage holds; changes made on top of the failed ones go with them.
          this.#data = this.#durable;
          for (const w of [...batch, ...this.#waiting.splice(0)]) w.reject(error);
        }
      }
    } finally {
      this.#writing = undefined;
    }
  }
}

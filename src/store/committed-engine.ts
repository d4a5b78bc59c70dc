import type { GroupCommit } from './group-commit';
import type { Db } from './schema';
import type { StateEngine } from './state-engine';

/** An engine whose state is kept by group commit (group-commit.ts), whatever it writes to. */
export abstract class CommittedEngine implements StateEngine {
  protected abstract readonly committed: GroupCommit;

  get data(): Readonly<Db> {
    return this.committed.data;
  }

  update<T>(change: (draft: Db) => T): Promise<T> {
    return this.committed.update(change);
  }

  abstract close(): Promise<void>;
}

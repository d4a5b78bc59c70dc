import type { Db } from '../store/schema';
import { Store } from '../store/store';

/**
 * A store held in memory, for generating years of history through the modules that record it
 * (submissions, the reminder job, ranking publication …): each update changes the state in place
 * and writes nothing, so a generated history costs what its changes cost. It is written to a real
 * store once, at the end.
 */
export function memoryStore(data: Db): Store {
  return new Store({
    data,
    update: <T>(change: (draft: Db) => T): Promise<T> => Promise.resolve().then(() => change(data)),
    close: () => Promise.resolve(),
  });
}

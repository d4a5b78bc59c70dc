import { isDraft, original } from 'immer';

/**
 * Finds a record in a collection that may be a transaction's draft (immer) without turning every
 * record it looks at into a draft of its own: reading a draft's element makes one, so a plain
 * `find` over a district's submissions costs ~80 ms. It looks in the committed collection, where
 * records are plain, then at that position in the draft; records added in this transaction are
 * at the end. In a transaction records are only added or changed in place, so a record that no
 * longer matches at its old position is searched for in the whole draft (rare).
 */
export function findRecord<R>(records: readonly R[], matches: (record: R) => boolean, committedAt?: (committed: readonly R[]) => number | undefined): R | undefined {
  if (!isDraft(records)) return records.find(matches);
  const before = committed(records);
  const at = committedAt ? committedAt(before) : before.findIndex(matches);
  if (at !== undefined && at >= 0) {
    const record = records[at];
    if (record !== undefined && matches(record)) return record;
    return records.find(matches);
  }
  for (let i = before.length; i < records.length; i++) if (matches(records[i]!)) return records[i];
  return undefined;
}

/**
 * Each record of a collection that may be a draft, as committed (plain) and then those added in
 * this transaction, without making drafts: for reading what a transaction never changes in place
 * (ids, numbers, keys).
 */
export function eachUnchanged<R>(records: readonly R[], visit: (record: R) => void): void {
  const before = committed(records);
  for (const record of before) visit(record);
  for (let i = before.length; i < records.length; i++) visit(records[i]!);
}

/** A value as it was committed, if it is a transaction's draft; else the value itself. */
export function committed<T extends object>(value: T): T {
  return isDraft(value) ? (original(value as never) as T) : value;
}

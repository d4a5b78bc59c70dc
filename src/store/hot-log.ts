import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { syncDirectory } from './durable-file';
import type { HotChange } from './layout';

/**
 * The log of changes to the hot state since db.json was last written whole (`db.json.log`): one
 * line per commit, appended and flushed to disk (fdatasync) before the commit counts as done, so
 * a commit costs what it changed rather than a rewrite of every card and message id. The store
 * folds the log into db.json when it has grown as large as db.json, and at every start and stop.
 *
 * Every line sets or removes keys, so reading a line twice ends as once: after a crash between
 * db.json written whole and the log emptied, the old lines read over the new db.json change
 * nothing. A line torn by a crash was never flushed, so its commit never counted as done: it is
 * cut off.
 */
export class HotLog {
  readonly file: string;
  /** Bytes in the file, once known. */
  #bytes: number | undefined;

  constructor(file: string) {
    this.file = file;
  }

  /** Bytes appended since the log was last emptied. */
  get size(): number {
    return this.#bytes ?? 0;
  }

  /** The commits logged, in order, a torn last line cut off. A damaged line before the last is an error. */
  async read(): Promise<HotChange[][]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const complete = text.slice(0, text.lastIndexOf('\n') + 1);
    if (complete.length < text.length) await this.#truncate(Buffer.byteLength(complete));
    return complete
      .split('\n')
      .filter((line) => line.length)
      .map((line) => JSON.parse(line) as HotChange[]);
  }

  /** Appends one commit's changes; resolves once they are on disk. */
  async append(changes: readonly HotChange[]): Promise<void> {
    const line = `${JSON.stringify(changes)}\n`;
    // Opened for each commit, so no file stays open between them (a store never closed leaks nothing).
    const handle = await open(this.file, 'a');
    try {
      if (this.#bytes === undefined) {
        // The file may have just been created: its name must be on disk before a line counts.
        await syncDirectory(path.dirname(this.file));
        this.#bytes = (await handle.stat()).size;
      }
      try {
        await handle.write(line);
        await handle.datasync();
      } catch (error) {
        // A commit that failed must not come back at the next start: what it may have left goes.
        await handle.truncate(this.#bytes).catch(() => undefined);
        throw error;
      }
    } finally {
      await handle.close();
    }
    this.#bytes += Buffer.byteLength(line);
  }

  /** Empties the log, once what it held is in db.json. */
  async clear(): Promise<void> {
    await this.#truncate(0);
  }

  async #truncate(bytes: number): Promise<void> {
    const handle = await open(this.file, 'a');
    try {
      await handle.truncate(bytes);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    if (this.#bytes === undefined) await syncDirectory(path.dirname(this.file));
    this.#bytes = bytes;
  }
}

import { open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';

/**
 * A lowdb adapter for one JSON file that survives a power cut: the text goes to a temporary file,
 * which is flushed to disk (fsync) before it is renamed over the old one, and the directory is
 * flushed after, so the rename itself is on disk. Reading or writing, the file is either the old
 * content or the new, never half of one. (lowdb's own JSONFile renames but never fsyncs.)
 */
export class DurableJsonFile<T> implements Adapter<T> {
  readonly file: string;

  constructor(file: string) {
    this.file = file;
  }

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return JSON.parse(text) as T;
  }

  async write(data: T): Promise<void> {
    await this.writeSized(data);
  }

  /** Writes as `write` does, and resolves with the bytes written. */
  async writeSized(data: T): Promise<number> {
    const text = JSON.stringify(data);
    const temp = path.join(path.dirname(this.file), `.${path.basename(this.file)}.tmp`);
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, this.file);
    await syncDirectory(path.dirname(this.file));
    return Buffer.byteLength(text);
  }

  async remove(): Promise<void> {
    await unlink(this.file).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await syncDirectory(path.dirname(this.file));
  }
}

export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

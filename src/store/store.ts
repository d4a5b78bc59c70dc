import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { JSONFile } from 'lowdb/node';
import { StartupError } from '../startup-error';
import { formatPath } from '../zod-path';
import { migrate, versionOf } from './migrations';
import { DB_VERSION, dbSchema, emptyDb, type Db } from './schema';

/**
 * The bot's persistent state in one lowdb JSON file. This is the only module that touches the
 * file: writes go through lowdb's atomic temp-file-and-rename, one at a time, and a file that
 * cannot be read or understood stops the bot without ever being overwritten.
 */
export class Store {
  readonly file: string;
  #adapter: JSONFile<Db>;
  #data: Db;
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(file: string, adapter: JSONFile<Db>, data: Db) {
    this.file = file;
    this.#adapter = adapter;
    this.#data = data;
  }

  static async open(file: string): Promise<Store> {
    await mkdir(path.dirname(file), { recursive: true });
    const adapter = new JSONFile<Db>(file);
    const raw = await readRaw(adapter, file);
    if (raw === null) {
      const store = new Store(file, adapter, emptyDb());
      await adapter.write(store.#data);
      return store;
    }
    const version = versionOf(raw);
    if (version > DB_VERSION) {
      throw new StartupError(
        `数据文件 ${file} 的版本为 ${version}，而本程序只支持到 ${DB_VERSION}；请升级程序。文件未被改动。`,
      );
    }
    const parsed = dbSchema.safeParse(migrate(raw));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new StartupError(
        `数据文件 ${file} 的字段 ${formatPath(issue.path)} 无效：${issue.message}。机器人已停止，文件未被改动；请从备份恢复或移走该文件。`,
      );
    }
    const store = new Store(file, adapter, parsed.data);
    if (version < DB_VERSION) {
      // Keep the pre-migration file: a migration bug must never cost the department its data.
      await copyFile(file, `${file}.v${version}.bak`);
      await adapter.write(store.#data);
    }
    return store;
  }

  get data(): Readonly<Db> {
    return this.#data;
  }

  /**
   * Changes the state and writes it. The change is made on a copy, so if the write fails the
   * in-memory state stays what the file holds. Updates run one after another.
   */
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
}

async function readRaw(adapter: JSONFile<Db>, file: string): Promise<Record<string, unknown> | null> {
  let raw: unknown;
  try {
    raw = await adapter.read();
  } catch (error) {
    const reason = error instanceof SyntaxError ? '不是有效的 JSON' : `无法读取（${(error as NodeJS.ErrnoException).code ?? error}）`;
    throw new StartupError(`数据文件 ${file} ${reason}。机器人已停止，文件未被改动；请从备份恢复或移走该文件后重启。`);
  }
  if (raw === null) return null;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new StartupError(`数据文件 ${file} 的内容应为 JSON 对象。机器人已停止，文件未被改动。`);
  }
  return raw as Record<string, unknown>;
}

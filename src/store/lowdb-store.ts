import { copyFile, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { StartupError } from '../startup-error';
import { formatPath } from '../zod-path';
import { z } from '../zod';
import { DurableJsonFile } from './durable-file';
import { GroupCommit } from './group-commit';
import { HotLog } from './hot-log';
import { applyHotChanges, assemble, hotChanges, hotPart, hotSchema, monthFile, monthSchema, monthsChanged, monthsOf, type HotChange, type HotState, type MonthFile } from './layout';
import { migrate, versionOf } from './migrations';
import { DB_VERSION, dbSchema, emptyDb, type Db } from './schema';
import { CommittedEngine } from './committed-engine';

/**
 * What a commit touching several files writes first, so a crash halfway is finished at the next
 * start: the month files, and the hot state whole (`hot`) or the changes to append to the log.
 */
interface Journal {
  hot?: HotState;
  log?: HotChange[];
  months: MonthFile[];
}

/** The log is folded into db.json once it is as large as db.json, and never before this. */
const MIN_FOLD_BYTES = 1 << 20;

const MONTH_FILE = /^(\d{4}-\d{2})\.json$/;

/**
 * The embedded store, on lowdb: db.json holds the hot state, history/<month>.json each month's
 * records (layout.ts). This is the only module that touches the files. Changes are batched and
 * committed as group-commit.ts says; a batch writes only the month files it touched, each fsync'ed
 * (durable-file.ts), and appends its changes to the hot state to db.json.log (hot-log.ts) rather
 * than rewriting db.json; a batch touching several files goes through a journal first, so a crash
 * never leaves history and hot state from different moments. The log is folded into db.json when
 * it has grown as large, at every start, and at a clean stop.
 */
export class LowdbStore extends CommittedEngine {
  readonly file: string;
  readonly #historyDir: string;
  protected readonly committed: GroupCommit;
  readonly #log: HotLog;
  /** The size of db.json as last written whole. */
  #hotBytes = 0;

  private constructor(file: string, data: Db, log: HotLog) {
    super();
    this.file = file;
    this.#historyDir = path.join(path.dirname(file), 'history');
    this.#log = log;
    this.committed = new GroupCommit(data, (before, after) => this.#commit(before, after));
  }

  static async open(file: string): Promise<LowdbStore> {
    await mkdir(path.join(path.dirname(file), 'history'), { recursive: true });
    const log = new HotLog(logFile(file));
    // A line torn by a crash is cut off before the journal may append to the log.
    await log.read();
    await finishJournal(file, log);
    const raw = await readRaw(file);
    if (raw === null) {
      const store = new LowdbStore(file, emptyDb(), log);
      await store.#fold(store.data);
      return store;
    }
    const logged = await log.read().catch((error: unknown) => {
      throw new StartupError(`数据文件 ${log.file} 已损坏（${String((error as Error)?.message ?? error)}）。机器人已停止，文件未被改动；请从备份恢复或移走该文件。`);
    });
    for (const changes of logged) applyHotChanges(raw, changes);
    const version = versionOf(raw);
    if (version > DB_VERSION) {
      throw new StartupError(`数据文件 ${file} 的版本为 ${version}，而本程序只支持到 ${DB_VERSION}；请升级程序。文件未被改动。`);
    }
    const historyDir = path.join(path.dirname(file), 'history');
    let data: Db;
    if (version === DB_VERSION) {
      // Checked part by part, a month at a time: the files as read are let go as they are checked, not all held at once.
      data = assemble(checked(hotSchema, raw, file), await readMonths(historyDir));
    } else {
      // Before version 6 everything was in db.json; from 6 on, the history is in the month files.
      const whole = version >= 6 ? assemble(raw as unknown as HotState, await readMonths(historyDir, false)) : migrate(raw);
      data = checked(dbSchema, whole, file);
    }
    const store = new LowdbStore(file, data, log);
    if (version < DB_VERSION) {
      // Keep the pre-migration file: a migration bug must never cost the department its data.
      await copyFile(file, `${file}.v${version}.bak`);
      await store.#write({ hot: hotPart(store.data), months: [...monthsOf(store.data)].map((m) => monthFile(store.data, m)) });
    } else if (logged.length) {
      await store.#fold(store.data);
    } else {
      store.#hotBytes = Buffer.byteLength(JSON.stringify(raw));
    }
    return store;
  }

  /** Waits for what is being written, and leaves the files as db.json and the month files, the log folded in. */
  async close(): Promise<void> {
    await this.committed.settled();
    if (this.#log.size > 0) await this.#fold(this.data);
  }

  async #commit(before: Db, after: Db): Promise<void> {
    const log = hotChanges(before, after);
    await this.#write({ ...(log.length ? { log } : {}), months: [...monthsChanged(before, after)].map((month) => monthFile(after, month)) });
    if (this.#log.size >= Math.max(MIN_FOLD_BYTES, this.#hotBytes)) await this.#fold(after);
  }

  async #write(journal: Journal): Promise<void> {
    const files = journalFiles(this.file, this.#historyDir, journal);
    const several = files.length + (journal.log ? 1 : 0) > 1;
    if (several) await new DurableJsonFile<Journal>(journalFile(this.file)).write(journal);
    for (const [adapter, content] of files) await adapter.write(content);
    if (journal.hot) await this.#log.clear();
    if (journal.log) await this.#log.append(journal.log);
    if (several) await new DurableJsonFile<Journal>(journalFile(this.file)).remove();
  }

  /** db.json written whole with the state given, then the log emptied: its lines are all in db.json. */
  async #fold(db: Db): Promise<void> {
    this.#hotBytes = await new DurableJsonFile<HotState>(this.file).writeSized(hotPart(db));
    await this.#log.clear();
  }
}

function logFile(file: string): string {
  return `${file}.log`;
}

function journalFile(file: string): string {
  return `${file}.journal`;
}

function journalFiles(file: string, historyDir: string, journal: Journal): Array<[DurableJsonFile<unknown>, unknown]> {
  return [
    ...journal.months.map((m): [DurableJsonFile<unknown>, unknown] => [new DurableJsonFile(path.join(historyDir, `${m.month}.json`)), m]),
    ...(journal.hot ? [[new DurableJsonFile(file), journal.hot] as [DurableJsonFile<unknown>, unknown]] : []),
  ];
}

/**
 * A journal left by a crash mid-commit: its files are written again and its changes appended to
 * the log (a second copy of a line already there changes nothing), then it goes.
 */
async function finishJournal(file: string, log: HotLog): Promise<void> {
  const adapter = new DurableJsonFile<Journal>(journalFile(file));
  let journal: Journal | null;
  try {
    journal = await adapter.read();
  } catch {
    // A journal that is itself torn was never the commit point: the files are as before it.
    journal = null;
  }
  if (journal) {
    for (const [target, content] of journalFiles(file, path.join(path.dirname(file), 'history'), journal)) await target.write(content);
    if (journal.hot) await log.clear();
    if (journal.log) await log.append(journal.log);
  }
  await adapter.remove();
}

const monthFileSchema = z.object({ month: z.string() }).passthrough();

/** The content checked against the schema, or the bot stops naming the file and the field. */
function checked<S extends z.ZodType>(schema: S, content: unknown, file: string): z.output<S> {
  const parsed = schema.safeParse(content);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new StartupError(`数据文件 ${file} 的字段 ${formatPath(issue.path)} 无效：${issue.message}。机器人已停止，文件未被改动；请从备份恢复或移走该文件。`);
  }
  return parsed.data;
}

/** The month files in order, each checked against this release's schema (`check`) or left for the migration to check whole. */
async function readMonths(dir: string, check = true): Promise<MonthFile[]> {
  const names = (await readdir(dir)).filter((n) => MONTH_FILE.test(n)).sort();
  const months: MonthFile[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    const raw = await readRaw(file);
    const parsed = monthFileSchema.safeParse(raw);
    if (!parsed.success || parsed.data.month !== MONTH_FILE.exec(name)![1]) {
      throw new StartupError(`数据文件 ${file} 不是有效的月度历史文件。机器人已停止，文件未被改动；请从备份恢复或移走该文件。`);
    }
    const month = { submissions: [], exemptions: [], pointsItems: [], rankings: [], outboxKeys: [], ...(raw as Partial<MonthFile>), month: parsed.data.month };
    months.push(check ? checked(monthSchema, month, file) : month);
  }
  return months;
}

async function readRaw(file: string): Promise<Record<string, unknown> | null> {
  let raw: unknown;
  try {
    raw = await new DurableJsonFile<unknown>(file).read();
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

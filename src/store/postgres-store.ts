import type pg from 'pg';
import { GroupCommit } from './group-commit';
import { applyHotChanges, assemble, hotChanges, hotSchema, KEYED_PARTS, monthFile, monthSchema, monthsChanged, monthsOf, type MonthFile } from './layout';
import { POSTGRES_MIGRATIONS } from './postgres-migrations';
import { emptyDb, type Db } from './schema';
import { CommittedEngine } from './committed-engine';
import { z } from '../zod';

/** The advisory lock the active bot holds: a second process waits on it as a standby. */
const ACTIVE_LOCK = 'credit-assistant:active';

/**
 * The store for large deployments, on PostgreSQL (`CREDIT_DATABASE_URL`). The same state and the
 * same contract as the lowdb store (the contract tests run on both), laid out as rows: the hot
 * state one row per part (`credit_state`), its maps that grow with the department — cards,
 * conversations — one row per key (`credit_entry`), each month's history one row
 * (`credit_month`), and the message ids seen one row each (`credit_seen`), so a message handled
 * writes its id and the card it got, not every card and id.
 * Each batch of changes is one transaction, so a crash leaves all of it or none.
 *
 * One process is active at a time: it holds a PostgreSQL advisory lock for as long as it runs, and
 * a second process started against the same database waits for that lock as a standby, taking over
 * (loading the state afresh) when the active one stops or dies and its connection drops. The bot
 * keeps its state in memory, so two active processes would disagree about far more than the
 * outbox; the lock makes the standby safe, and a reminder is never sent by two processes.
 */
export class PostgresStore extends CommittedEngine {
  readonly #pool: pg.Pool;
  readonly #lockClient: pg.PoolClient;
  protected readonly committed: GroupCommit;

  private constructor(pool: pg.Pool, lockClient: pg.PoolClient, data: Db) {
    super();
    this.#pool = pool;
    this.#lockClient = lockClient;
    this.committed = new GroupCommit(data, (before, after) => this.#write(before, after));
  }

  /**
   * Connects, becomes the active process (waiting while another is: `onWaiting` is told once),
   * brings the tables up to date and loads the state.
   */
  static async open(url: string, onWaiting: () => void = () => undefined): Promise<PostgresStore> {
    // The driver is loaded only by a bot that uses PostgreSQL: the embedded store does without its memory.
    const { default: driver } = await import('pg');
    const pool = new driver.Pool({ connectionString: url, max: 4 });
    const lockClient = await pool.connect().catch(async (error: unknown) => {
      await pool.end();
      throw error;
    });
    try {
      const { rows } = await lockClient.query<{ locked: boolean }>('select pg_try_advisory_lock(hashtext($1)) as locked', [ACTIVE_LOCK]);
      if (!rows[0]!.locked) {
        onWaiting();
        await lockClient.query('select pg_advisory_lock(hashtext($1))', [ACTIVE_LOCK]);
      }
      await migrate(pool);
      const stored = await load(pool);
      const store = new PostgresStore(pool, lockClient, stored ?? emptyDb());
      // A new database gets every part at once, so a later load finds a whole state.
      if (!stored) await store.#write(undefined, store.data);
      return store;
    } catch (error) {
      lockClient.release();
      await pool.end();
      throw error;
    }
  }

  /** Waits for what is being written, then gives up the active lock and the connections. */
  async close(): Promise<void> {
    await this.committed.settled();
    this.#lockClient.release();
    await this.#pool.end();
  }

  /** One transaction: the hot parts and keys that changed, the ids seen added or forgotten, the months that changed. */
  async #write(before: Db | undefined, after: Db): Promise<void> {
    const seen: { set: string[][]; gone: string[] } = { set: [[], []], gone: [] };
    const entries: { set: string[][]; gone: string[][] } = { set: [[], [], []], gone: [[], []] };
    const parts: Array<[string, unknown]> = [];
    for (const change of hotChanges(before, after)) {
      if ('part' in change) parts.push([change.part, change.value]);
      else if (change.map === SEEN) {
        if (change.value === undefined) seen.gone.push(change.key);
        else seen.set.forEach((column, i) => column.push([change.key, change.value as string][i]!));
      } else if (change.value === undefined) entries.gone.forEach((column, i) => column.push([change.map, change.key][i]!));
      else entries.set.forEach((column, i) => column.push([change.map, change.key, JSON.stringify(change.value)][i]!));
    }
    await inTransaction(this.#pool, async (client) => {
      for (const [part, value] of parts) await client.query('insert into credit_state (part, value) values ($1, $2) on conflict (part) do update set value = excluded.value', [part, JSON.stringify(value)]);
      if (entries.set[0]!.length) await client.query('insert into credit_entry (map, key, value) select * from unnest($1::text[], $2::text[], $3::jsonb[]) on conflict (map, key) do update set value = excluded.value', entries.set);
      if (entries.gone[0]!.length) await client.query('delete from credit_entry where (map, key) in (select * from unnest($1::text[], $2::text[]))', entries.gone);
      if (seen.set[0]!.length) await client.query('insert into credit_seen (key, at) select * from unnest($1::text[], $2::text[]) on conflict (key) do update set at = excluded.at', seen.set);
      if (seen.gone.length) await client.query('delete from credit_seen where key = any($1::text[])', [seen.gone]);
      for (const month of before ? monthsChanged(before, after) : monthsOf(after)) {
        await client.query('insert into credit_month (month, records) values ($1, $2) on conflict (month) do update set records = excluded.records', [month, JSON.stringify(monthFile(after, month))]);
      }
    });
  }
}

/** The message ids seen, a keyed map with a table of its own. */
const SEEN = 'seenMessages';

/** Runs `work` in one transaction on a connection of the pool: committed whole, or rolled back. */
async function inTransaction(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await work(client);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The stored state, or undefined for a database the bot has not written yet. */
async function load(pool: pg.Pool): Promise<Db | undefined> {
  const parts = await pool.query<{ part: string; value: unknown }>('select part, value from credit_state');
  if (parts.rows.length === 0) return undefined;
  const seen = await pool.query<{ key: string; at: string }>('select key, at from credit_seen');
  const entries = await pool.query<{ map: string; key: string; value: unknown }>('select map, key, value from credit_entry');
  const hot: Record<string, unknown> = {};
  // Every keyed map exists, empty or not; the parts and keys go in on top.
  applyHotChanges(hot, KEYED_PARTS.filter((m) => m.length === 1).map((m) => ({ part: m[0], value: {} })));
  applyHotChanges(hot, parts.rows.map((r) => ({ part: r.part, value: r.value })));
  applyHotChanges(hot, entries.rows.map((r) => ({ map: r.map, key: r.key, value: r.value })));
  applyHotChanges(hot, seen.rows.map((r) => ({ map: SEEN, key: r.key, value: r.at })));
  // A month at a time, each checked as it comes: the rows as read are not all held at once.
  const names = await pool.query<{ month: string }>('select month from credit_month order by month');
  const months: MonthFile[] = [];
  for (const { month } of names.rows) {
    const { rows } = await pool.query<{ records: unknown }>('select records from credit_month where month = $1', [month]);
    months.push(checked(monthSchema, rows[0]!.records, `credit_month ${month}`));
  }
  return assemble(checked(hotSchema, hot, 'credit_state'), months);
}

/** The content checked against the schema, or an error naming where it was and the field. */
function checked<S extends z.ZodType>(schema: S, content: unknown, where: string): z.output<S> {
  const parsed = schema.safeParse(content);
  if (!parsed.success) throw new Error(`the state in PostgreSQL (${where}) does not fit the schema at ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

/** Applies the migrations the database lacks, each in its own transaction, recording each. */
async function migrate(pool: pg.Pool): Promise<void> {
  await pool.query('create table if not exists credit_migrations (version integer primary key, applied_at timestamptz not null default now())');
  const { rows } = await pool.query<{ version: number }>('select coalesce(max(version), 0) as version from credit_migrations');
  for (let version = rows[0]!.version + 1; version <= POSTGRES_MIGRATIONS.length; version++) {
    await inTransaction(pool, async (client) => {
      await client.query(POSTGRES_MIGRATIONS[version - 1]!);
      await client.query('insert into credit_migrations (version) values ($1)', [version]);
    });
  }
}

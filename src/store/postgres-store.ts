import pg from 'pg';
import { GroupCommit } from './group-commit';
import { assemble, hotPart, monthFile, monthsChanged, monthsOf, type HotState, type MonthFile } from './layout';
import { POSTGRES_MIGRATIONS } from './postgres-migrations';
import { dbSchema, emptyDb, type Db } from './schema';
import type { StateEngine } from './state-engine';

/** The advisory lock the active bot holds: a second process waits on it as a standby. */
const ACTIVE_LOCK = 'credit-assistant:active';

/**
 * The store for large deployments, on PostgreSQL (`CREDIT_DATABASE_URL`). The same state and the
 * same contract as the lowdb store (the contract tests run on both), laid out as rows: the hot
 * state one row per part (`credit_state`), each month's history one row (`credit_month`), and the
 * message ids seen one row each (`credit_seen`), so a message handled writes its id, not the log.
 * Each batch of changes is one transaction, so a crash leaves all of it or none.
 *
 * One process is active at a time: it holds a PostgreSQL advisory lock for as long as it runs, and
 * a second process started against the same database waits for that lock as a standby, taking over
 * (loading the state afresh) when the active one stops or dies and its connection drops. The bot
 * keeps its state in memory, so two active processes would disagree about far more than the
 * outbox; the lock makes the standby safe, and a reminder is never sent by two processes.
 */
export class PostgresStore implements StateEngine {
  readonly #pool: pg.Pool;
  readonly #lockClient: pg.PoolClient;
  readonly #state: GroupCommit;

  private constructor(pool: pg.Pool, lockClient: pg.PoolClient, data: Db) {
    this.#pool = pool;
    this.#lockClient = lockClient;
    this.#state = new GroupCommit(data, (before, after) => this.#write(before, after));
  }

  /**
   * Connects, becomes the active process (waiting while another is: `onWaiting` is told once),
   * brings the tables up to date and loads the state.
   */
  static async open(url: string, onWaiting: () => void = () => undefined): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, max: 4 });
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

  get data(): Readonly<Db> {
    return this.#state.data;
  }

  update<T>(change: (draft: Db) => T): Promise<T> {
    return this.#state.update(change);
  }

  /** Waits for what is being written, then gives up the active lock and the connections. */
  async close(): Promise<void> {
    await this.#state.settled();
    this.#lockClient.release();
    await this.#pool.end();
  }

  /** One transaction: the hot parts that changed, the months that changed, the ids seen added or forgotten. */
  async #write(before: Db | undefined, after: Db): Promise<void> {
    await inTransaction(this.#pool, async (client) => {
      const was = before ? hotRows(before) : {};
      for (const [part, value] of Object.entries(hotRows(after))) {
        if (was[part] !== value) await client.query('insert into credit_state (part, value) values ($1, $2) on conflict (part) do update set value = excluded.value', [part, JSON.stringify(value)]);
      }
      const seenBefore = before?.seenMessages ?? {};
      if (seenBefore !== after.seenMessages) {
        const added = Object.entries(after.seenMessages).filter(([key]) => seenBefore[key] === undefined);
        const gone = Object.keys(seenBefore).filter((key) => after.seenMessages[key] === undefined);
        if (added.length) await client.query('insert into credit_seen (key, at) select * from unnest($1::text[], $2::text[]) on conflict (key) do nothing', [added.map(([k]) => k), added.map(([, at]) => at)]);
        if (gone.length) await client.query('delete from credit_seen where key = any($1::text[])', [gone]);
      }
      for (const month of before ? monthsChanged(before, after) : monthsOf(after)) {
        await client.query('insert into credit_month (month, records) values ($1, $2) on conflict (month) do update set records = excluded.records', [month, JSON.stringify(monthFile(after, month))]);
      }
    });
  }
}

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

/** The hot state as rows, the message ids seen apart (they have their own table). */
function hotRows(db: Db): Record<string, unknown> {
  const { seenMessages: _seen, ...rest } = hotPart(db);
  return rest;
}

/** The stored state, or undefined for a database the bot has not written yet. */
async function load(pool: pg.Pool): Promise<Db | undefined> {
  const parts = await pool.query<{ part: string; value: unknown }>('select part, value from credit_state');
  if (parts.rows.length === 0) return undefined;
  const seen = await pool.query<{ key: string; at: string }>('select key, at from credit_seen');
  const months = await pool.query<{ records: MonthFile }>('select records from credit_month order by month');
  const hot = {
    ...Object.fromEntries(parts.rows.map((r) => [r.part, r.value])),
    seenMessages: Object.fromEntries(seen.rows.map((r) => [r.key, r.at])),
  } as HotState;
  const parsed = dbSchema.safeParse(assemble(hot, months.rows.map((r) => r.records)));
  if (!parsed.success) throw new Error(`the state in PostgreSQL does not fit the schema at ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`);
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

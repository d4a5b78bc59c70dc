import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../src/store/postgres-store';
import { POSTGRES_MIGRATIONS } from '../../src/store/postgres-migrations';
import { postgresInstalled, startPostgres, type PostgresServer } from '../helpers/postgres';
import { emptyDb } from '../../src/store/schema';
import { storeContract, submission } from './store-contract';

let server: PostgresServer | undefined;

describe.skipIf(!postgresInstalled())('the PostgreSQL store (a real server from Debian\'s package)', () => {
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(() => server?.stop());

  storeContract('PostgreSQL', () => ({
    async fresh() {
      const url = await server!.freshDatabase();
      return {
        store: await PostgresStore.open(url),
        reopen: () => PostgresStore.open(url),
        async breakWrites() {
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          await client.query('alter table credit_month rename to credit_month_gone');
          await client.end();
        },
      };
    },
  }));

  it('records each migration it applied, and applies none twice', async () => {
    const url = await server!.freshDatabase();
    await (await PostgresStore.open(url)).close();
    await (await PostgresStore.open(url)).close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ version: number }>('select version from credit_migrations order by version');
    await client.end();
    expect(rows.map((r) => r.version)).toEqual(POSTGRES_MIGRATIONS.map((_, i) => i + 1));
  });

  it('writes a message id seen as a row of its own, not the whole log', async () => {
    const url = await server!.freshDatabase();
    const store = await PostgresStore.open(url);
    for (let i = 0; i < 30; i++) await store.update((db) => void (db.seenMessages[`lark|m${i}`] = '2026-11-20T01:00:00.000Z'));
    await store.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const seen = await client.query('select count(*)::int as n from credit_seen');
    const parts = await client.query<{ part: string }>('select part from credit_state order by part');
    await client.end();
    expect(seen.rows[0].n).toBe(30);
    expect(parts.rows.map((r) => r.part)).not.toContain('seenMessages');
  });

  it('writes a card as a row of its own, not every card', async () => {
    const url = await server!.freshDatabase();
    const store = await PostgresStore.open(url);
    const card = (n: number) => ({ chat: 'lark|dm:wang-fang', thread: `lark|dm:wang-fang#with:p${n}`, card: { title: '填报' }, sentAt: '2026-11-20T01:00:00.000Z' });
    for (let i = 0; i < 5; i++) await store.update((db) => void (db.cards.sent[`lark|om${i}`] = card(i)));
    await store.update((db) => void delete db.cards.sent['lark|om0']);
    await store.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const rows = await client.query<{ map: string; key: string }>('select map, key from credit_entry order by key');
    const cards = await client.query<{ value: unknown }>("select value from credit_state where part = 'cards'");
    await client.end();
    expect(rows.rows).toEqual([1, 2, 3, 4].map((i) => ({ map: 'cards.sent', key: `lark|om${i}` })));
    expect(cards.rows[0]!.value).toEqual({});
  });

  it('moves a database of the first layout, cards and conversations whole in one row each, to a row per key', async () => {
    const url = await server!.freshDatabase();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('create table credit_migrations (version integer primary key, applied_at timestamptz not null default now())');
    await client.query(POSTGRES_MIGRATIONS[0]!);
    await client.query('insert into credit_migrations (version) values (1)');
    const { seenMessages: _seen, submissions: _s, exemptions: _e, pointsItems: _p, rankings: _r, outboxArchive: _a, ...hot } = emptyDb();
    const latest = { 'lark|group:g#notices': { messageId: 'om1', sentAt: '2026-11-20T01:00:00.000Z' } };
    for (const [part, value] of Object.entries({ ...hot, cards: { sent: {}, latest } })) await client.query('insert into credit_state (part, value) values ($1, $2)', [part, JSON.stringify(value)]);
    await client.end();

    const store = await PostgresStore.open(url);

    expect(store.data.cards).toEqual({ sent: {}, latest });
    expect(store.data.conversations).toEqual({});
    await store.close();
  });

  it('refuses a month row that does not fit the schema, naming the month and the field', async () => {
    const url = await server!.freshDatabase();
    const store = await PostgresStore.open(url);
    await store.update((db) => void db.submissions.push(submission('a', '2026-11')));
    await store.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`update credit_month set records = jsonb_set(records, '{submissions,0,late}', '"yes"') where month = '2026-11'`);
    await client.end();

    await expect(PostgresStore.open(url)).rejects.toThrow(/credit_month 2026-11.*submissions\.0\.late/);
  });

  it('lets one process be active: a second waits as a standby and takes over, with the state, when the first stops', async () => {
    const url = await server!.freshDatabase();
    const active = await PostgresStore.open(url);
    await active.update((db) => void db.submissions.push(submission('a', '2026-11')));
    let waiting = false;
    const standby = PostgresStore.open(url, () => (waiting = true));
    let tookOver = false;
    void standby.then(() => (tookOver = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(waiting).toBe(true);
    expect(tookOver).toBe(false);

    await active.update((db) => void db.submissions.push(submission('b', '2026-11')));
    await active.close();
    const next = await standby;

    expect(next.data.submissions.map((s) => s.id)).toEqual(['a', 'b']);
    await next.close();
  });
});

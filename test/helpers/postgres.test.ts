import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresInstalled, startPostgres, type PostgresServer } from './postgres.js';

async function query<Row extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

function tcpConnect(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
}

describe.skipIf(!postgresInstalled())('a throwaway PostgreSQL from the Debian package', () => {
  let server: PostgresServer;

  beforeAll(async () => {
    server = (await startPostgres())!;
  }, 60_000);

  afterAll(() => server?.stop());

  it('answers select version() at the URL it returns', async () => {
    expect(server.url).toBe(`postgres://postgres@127.0.0.1:${server.port}/credit`);
    const [row] = await query<{ version: string }>(server.url, 'select version()');
    expect(row?.version).toMatch(/^PostgreSQL \d+/);
  });

  it('keeps Chinese text in a table, and a fresh database does not see it', async () => {
    await query(server.url, 'create table notes (body text not null)');
    await query(server.url, 'insert into notes values ($1)', ['双公示 已填报']);
    expect(await query(server.url, 'select body from notes')).toEqual([{ body: '双公示 已填报' }]);

    const first = await server.freshDatabase();
    const second = await server.freshDatabase();
    expect(new Set([server.url, first, second]).size).toBe(3);
    await query(first, 'create table notes (body text)');
    await query(first, 'insert into notes values ($1)', ['only in the first']);
    expect(await query(second, "select to_regclass('notes') as found")).toEqual([{ found: null }]);
    expect(await query(server.url, 'select body from notes')).toEqual([{ body: '双公示 已填报' }]);
  });

  it('listens on 127.0.0.1 only, with its unix socket in its own directory', async () => {
    expect(await query(server.url, 'show listen_addresses')).toEqual([{ listen_addresses: '127.0.0.1' }]);
    expect(await query(server.url, 'show unix_socket_directories')).toEqual([
      { unix_socket_directories: server.directory },
    ]);
    await expect(tcpConnect('127.0.0.1', server.port)).resolves.toBeUndefined();
    // Still the loopback interface, but not the address the server bound.
    await expect(tcpConnect('127.0.0.2', server.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('stop kills the server and removes its directory', async () => {
    const other = (await startPostgres())!;
    await query(other.url, 'select 1');
    await other.stop();
    await expect(tcpConnect('127.0.0.1', other.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(existsSync(other.directory)).toBe(false);
    await expect(other.stop()).resolves.toBeUndefined();
  }, 60_000);
});

import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, chownSync, constants, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

/**
 * A throwaway PostgreSQL server from the distribution's package (Debian: postgresql), on
 * 127.0.0.1 only, with trust authentication: for tests and benchmarks, never for data. Tests run it
 * with fsync off; `bench:scale` with fsync on, as a real server (`durable`), to compare fairly with
 * the lowdb store, which fsyncs.
 */
export interface PostgresServer {
  /** postgres://postgres@127.0.0.1:PORT/credit — the database made at start. */
  readonly url: string;
  readonly port: number;
  /** Holds data/, the unix socket and server.log (read it when a test puzzles you). */
  readonly directory: string;
  /** A new, empty database on this server; returns its URL. */
  freshDatabase(): Promise<string>;
  /** Kills the server (immediate shutdown) and removes its directory. Safe to call twice. */
  stop(): Promise<void>;
}

const run = promisify(execFile);
const SUPERUSER = 'postgres';
const FIRST_DATABASE = 'credit';
const MISSING_MESSAGE =
  "PostgreSQL is not installed: skipping the PostgreSQL tests (.ci/run installs Debian's postgresql)";

/**
 * The directory holding initdb, pg_ctl and postgres: the one initdb in PATH resolves to, else the
 * newest /usr/lib/postgresql/<version>/bin (Debian keeps the server binaries out of PATH).
 */
export function postgresBinDir(): string | undefined {
  const candidates: string[] = [];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const initdb = path.join(dir, 'initdb');
    if (existsSync(initdb)) candidates.push(path.dirname(realpathSync(initdb)));
  }
  const debianRoot = '/usr/lib/postgresql';
  if (existsSync(debianRoot)) {
    const versions = readdirSync(debianRoot).sort((a, b) => Number(b) - Number(a) || b.localeCompare(a));
    candidates.push(...versions.map((version) => path.join(debianRoot, version, 'bin')));
  }
  return candidates.find((dir) => ['initdb', 'pg_ctl', 'postgres'].every((bin) => isExecutable(path.join(dir, bin))));
}

let warnedMissing = false;

/** Whether PostgreSQL tests can run; says once why not. Use as `describe.skipIf(!postgresInstalled())`. */
export function postgresInstalled(): boolean {
  if (postgresBinDir()) return true;
  if (!warnedMissing) console.warn(MISSING_MESSAGE);
  warnedMissing = true;
  return false;
}

/**
 * Starts a fresh cluster (initdb into a new temporary directory, pg_ctl start) listening on
 * 127.0.0.1 at a free port, its unix socket inside that directory; undefined when PostgreSQL is
 * not installed. As root, the cluster belongs to the `postgres` system user, since initdb and
 * postgres refuse to run as root.
 */
export async function startPostgres(options: { durable?: boolean } = {}): Promise<PostgresServer | undefined> {
  const bin = postgresBinDir();
  if (!bin) {
    postgresInstalled();
    return undefined;
  }
  const owner = process.getuid?.() === 0 ? systemUser(SUPERUSER) : undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'credit-pg-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const dataDir = path.join(dir, 'data');
  const pgCtl = (args: string[]) => asOwner(owner, dir, path.join(bin, 'pg_ctl'), args);
  let started = false;
  const stop = once(async () => {
    process.off('exit', killOnExit);
    if (started) await pgCtl(['stop', '-D', dataDir, '-m', 'immediate', '-w']).catch(() => killPostmaster(dataDir));
    rmSync(dir, { recursive: true, force: true });
  });
  // A worker that dies without afterAll must not leave a server behind.
  const killOnExit = () => {
    if (started) killPostmaster(dataDir);
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', killOnExit);
  try {
    await asOwner(owner, dir, path.join(bin, 'initdb'), [
      '-D', dataDir, '-U', SUPERUSER, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync',
    ]);
    const port = await startOnFreePort(pgCtl, dataDir, dir, options.durable === true, () => (started = true));
    const server = { port, directory: dir, url: databaseUrl(port, FIRST_DATABASE), stop, freshDatabase: () => createDatabase(port) };
    await createDatabase(port, FIRST_DATABASE);
    return server;
  } catch (error) {
    const failure = describeFailure(error, dir);
    await stop();
    throw new Error(`could not start a throwaway PostgreSQL from ${bin}: ${failure}`, { cause: error });
  }
}

/** pg_ctl start on a port that was free a moment ago; another process may take it first, so retry. */
async function startOnFreePort(
  pgCtl: (args: string[]) => Promise<unknown>,
  dataDir: string,
  socketDir: string,
  durable: boolean,
  onStarted: () => void,
): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const options = [
      `-c listen_addresses=127.0.0.1`,
      `-c port=${port}`,
      `-c unix_socket_directories=${socketDir}`,
      ...(durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
    ].join(' ');
    onStarted(); // from here on, stop() must kill whatever pg_ctl managed to start
    try {
      await pgCtl(['start', '-D', dataDir, '-l', path.join(socketDir, 'server.log'), '-w', '-t', '60', '-o', options]);
      return port;
    } catch (error) {
      if (attempt >= 3 || !readLog(socketDir).includes('could not bind')) throw error;
    }
  }
}

async function createDatabase(port: number, name = `t_${randomBytes(6).toString('hex')}`): Promise<string> {
  const admin = new pg.Client({ connectionString: databaseUrl(port, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return databaseUrl(port, name);
}

function databaseUrl(port: number, database: string): string {
  return `postgres://${SUPERUSER}@127.0.0.1:${port}/${database}`;
}

function asOwner(owner: SystemUser | undefined, cwd: string, command: string, args: string[]) {
  const env = { ...process.env, LC_ALL: 'C' };
  return owner
    ? run('runuser', ['-u', owner.name, '--', command, ...args], { cwd, env })
    : run(command, args, { cwd, env });
}

interface SystemUser {
  name: string;
  uid: number;
  gid: number;
}

function systemUser(name: string): SystemUser {
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());
    return { name, uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error(`running as root, PostgreSQL needs the "${name}" system user (made by Debian's postgresql package)`);
  }
}

/** The last resort when pg_ctl cannot stop it: SIGQUIT is postgres's immediate shutdown. */
function killPostmaster(dataDir: string): void {
  try {
    const pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (pid > 0) process.kill(pid, 'SIGQUIT');
  } catch {
    // No pid file: the server never started or is already gone.
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function describeFailure(error: unknown, dir: string): string {
  const stderr = (error as { stderr?: string }).stderr?.trim();
  const log = readLog(dir).trim();
  return [error instanceof Error ? error.message : String(error), stderr, log && `server log:\n${log}`]
    .filter(Boolean)
    .join('\n');
}

function readLog(dir: string): string {
  try {
    return readFileSync(path.join(dir, 'server.log'), 'utf8');
  } catch {
    return '';
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function once(action: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= action());
}

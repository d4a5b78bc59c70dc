import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { runScript } from '../simulate/run-script';
import { parseScript } from '../simulate/script';
import { StartupError } from '../startup-error';
import { lockDataFile } from '../store/data-lock';

const USAGE = '用法：npm run --silent simulate -- 脚本.jsonl [--org 文件] [--tasks 文件] [--docs 目录] [--data 目录]';

/**
 * `npm run --silent simulate -- FILE [--org F] [--tasks F] [--docs DIR] [--data DIR]`: replays a JSONL script and prints
 * the bot's messages as JSONL. Without --data it works in a fresh temporary directory.
 */
async function main(): Promise<void> {
  const { values, positionals } = parseCommandLine();
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new StartupError(USAGE);
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    throw new StartupError(`无法读取脚本文件 ${file}`);
  }
  const steps = parseScript(source, file);

  const base = loadConfig();
  const dataDir = values.data ?? mkdtempSync(path.join(tmpdir(), 'credit-simulate-'));
  const config = { ...base, dataDir, dbFile: path.join(dataDir, 'db.json'), orgFile: values.org ?? base.orgFile, tasksFile: values.tasks ?? base.tasksFile, docsDir: values.docs ?? base.docsDir };
  // stdout carries the transcript; logs go to stderr, quiet unless LOG_LEVEL asks for more.
  const log = createLogger(process.env.LOG_LEVEL ? config.logLevel : 'warn', { kind: 'stderr' }, config.secrets);
  mkdirSync(dataDir, { recursive: true });
  const release = await lockDataFile(config.dbFile);
  try {
    await runScript(steps, config, log, (line) => process.stdout.write(`${JSON.stringify(line)}\n`), file);
  } finally {
    await release();
    if (!values.data) rmSync(dataDir, { recursive: true, force: true });
  }
}

function parseCommandLine() {
  try {
    return parseArgs({ allowPositionals: true, options: { org: { type: 'string' }, tasks: { type: 'string' }, docs: { type: 'string' }, data: { type: 'string' } } });
  } catch (error) {
    throw new StartupError(`${(error as Error).message}\n${USAGE}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof StartupError ? error.message : String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});

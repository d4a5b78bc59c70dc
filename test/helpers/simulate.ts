import path from 'node:path';
import type { SimulatedOutput } from '../../src/channels/simulate-channel';
import { loadConfig } from '../../src/config';
import { runScript } from '../../src/simulate/run-script';
import { parseScript } from '../../src/simulate/script';
import { captureLog } from './silent-logger';
import { tempDir } from './temp-dir';

export interface ScriptLine {
  at: string;
  from?: string;
  chat?: string;
  text?: string;
  /** A button press: the label or value of a button on the person's latest card that has it. */
  press?: string;
  id?: string;
}

export interface SimulateOptions {
  /** Reuse a data directory, e.g. to replay a restart. */
  dataDir?: string;
  orgFile?: string;
  tasksFile?: string;
  docsDir?: string;
}

/**
 * Runs a scenario exactly as `npm run simulate` does (same parser, same runner), in-process
 * for speed. Returns the bot's output lines.
 */
export async function simulate(lines: ScriptLine[], options: SimulateOptions = {}): Promise<SimulatedOutput[]> {
  const dataDir = options.dataDir ?? tempDir();
  const config = {
    ...loadConfig({}),
    dataDir,
    dbFile: path.join(dataDir, 'db.json'),
    orgFile: options.orgFile ?? 'data/org.yaml',
    tasksFile: options.tasksFile ?? 'data/tasks.yaml',
    docsDir: options.docsDir ?? 'data/docs',
  };
  const out: SimulatedOutput[] = [];
  const steps = parseScript(lines.map((l) => JSON.stringify(l)).join('\n'), 'scenario');
  await runScript(steps, config, captureLog().log, (line) => out.push(line), 'scenario');
  return out;
}

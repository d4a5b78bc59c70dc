import { spawn } from 'node:child_process';
import { tempDir } from './temp-dir';

/**
 * `npm start` as an operator runs it (src/main.ts through tsx), as one process a signal reaches,
 * on a fresh data directory; `stderr()` is what it has logged so far.
 */
export function spawnBot(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: { ...process.env, CREDIT_DATA_DIR: tempDir(), LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return { child, stderr: () => stderr, exited };
}

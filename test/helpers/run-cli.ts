import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from './temp-dir';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one of the package's npm scripts as a user would, feeding `input` through a pipe. */
export function runNpmScript(script: string, args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', script, '--', ...args], {
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/**
 * A platform's check (`npm run lark:check`, …) against the org.yaml text `org`, with no channel
 * chosen and the fake platform on 127.0.0.1 reached directly (not through a proxy).
 */
export function runCheck(script: string, org: string, env: NodeJS.ProcessEnv): Promise<CliResult> {
  const orgFile = path.join(tempDir(), 'org.yaml');
  writeFileSync(orgFile, org);
  return runNpmScript(script, [], { env: { CREDIT_ORG_FILE: orgFile, CREDIT_CHANNEL: '', NO_PROXY: '127.0.0.1', no_proxy: '127.0.0.1', ...env } });
}

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type { Logger };

/** Field names that may carry credentials; pino replaces their values wherever they appear. */
const SECRET_FIELDS = [
  'secret',
  'appSecret',
  'app_secret',
  'apiKey',
  'api_key',
  'token',
  'accessToken',
  'tenant_access_token',
  'app_access_token',
  'password',
  'authorization',
  'Authorization',
  'encryptKey',
  'verificationToken',
];
export const REDACT_PATHS = SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);

export type LogTarget =
  | { kind: 'stderr' }
  | { kind: 'file'; file: string }
  | { kind: 'stream'; stream: NodeJS.WritableStream };

const CENSOR = '[redacted]';

/**
 * Structured logs. In a terminal they are prettified; elsewhere (and in files) they stay JSON
 * lines for machines. The console channel logs to a file so the chat stays readable.
 *
 * `secrets` are the configured credential values (Config.secrets): they are replaced wherever
 * they appear in a line — message, error text, stack, any nested field — because a server may
 * echo a key back ("Incorrect API key provided: sk-…") where no field name gives it away.
 */
export function createLogger(level: LogLevel, target: LogTarget, secrets: readonly string[]): Logger {
  const options = { level, redact: { paths: REDACT_PATHS, censor: CENSOR }, hooks: { streamWrite: secretScrubber(secrets) } };
  switch (target.kind) {
    case 'stream':
      return pino(options, target.stream);
    case 'file':
      mkdirSync(path.dirname(target.file), { recursive: true });
      return pino(options, pino.destination({ dest: target.file, sync: true }));
    case 'stderr':
      return process.stderr.isTTY
        ? pino(options, pretty({ destination: 2, sync: true, translateTime: 'SYS:yyyy-mm-dd HH:MM:ss' }))
        : pino(options, pino.destination({ dest: 2, sync: true }));
  }
}

/** Replaces each secret in a serialised line, also as JSON escapes it (a quote or backslash in a key). */
export function secretScrubber(secrets: readonly string[]): (line: string) => string {
  const forms = [...new Set(secrets.flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]))]
    .filter((s) => s.length > 0)
    // Longest first, so a secret containing another is replaced whole.
    .sort((a, b) => b.length - a.length);
  return (line) => scrubTokens(forms.reduce((text, secret) => text.split(secret).join(CENSOR), line));
}

/**
 * Short-lived tokens are not configured values, so no list can name them: a bearer token in an
 * echoed header, and the credentials of Feishu's long-connection URL (`access_key`, `ticket`) in a
 * logged URL, are blotted out by shape.
 */
function scrubTokens(line: string): string {
  return line.replace(/(Bearer\s+)[^\s"\\]+/gi, `$1${CENSOR}`).replace(/([?&](?:access_key|ticket|access_token|tenant_access_token)=)[^&\s"\\]+/g, `$1${CENSOR}`);
}

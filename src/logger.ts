import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { LogLevel } from './config';

export type { Logger };

/** Field names that may carry credentials; pino replaces their values wherever they appear. */
const SECRET_FIELDS = ['secret', 'appSecret', 'app_secret', 'apiKey', 'api_key', 'token', 'accessToken', 'password', 'authorization', 'encryptKey'];
export const REDACT_PATHS = SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);

export type LogTarget =
  | { kind: 'stderr' }
  | { kind: 'file'; file: string }
  | { kind: 'stream'; stream: NodeJS.WritableStream };

/**
 * Structured logs. In a terminal they are prettified; elsewhere (and in files) they stay JSON
 * lines for machines. The console channel logs to a file so the chat stays readable.
 */
export function createLogger(level: LogLevel, target: LogTarget): Logger {
  const options = { level, redact: { paths: REDACT_PATHS, censor: '[已隐去]' } };
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

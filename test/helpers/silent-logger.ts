import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logger';

export interface CapturedLog {
  log: Logger;
  /** Every log line written so far, parsed. */
  lines(): Array<Record<string, unknown>>;
  text(): string;
}

/** A real pino logger writing JSON lines into memory, for tests that check what is logged; `secrets` as Config.secrets. */
export function captureLog(secrets: readonly string[] = []): CapturedLog {
  let buffer = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      buffer += String(chunk);
      done();
    },
  });
  const log = createLogger('debug', { kind: 'stream', stream }, secrets);
  return {
    log,
    text: () => buffer,
    lines: () => buffer.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

import { describe, expect, it } from 'vitest';
import { captureLog } from './helpers/silent-logger';

describe('logger', () => {
  it('writes structured JSON lines', () => {
    const { log, lines } = captureLog();
    log.info({ chatId: 'main' }, 'hello');
    expect(lines()[0]).toMatchObject({ level: 30, chatId: 'main', msg: 'hello' });
  });

  it('never writes credentials, at any depth', () => {
    const { log, text } = captureLog();
    log.info({ appSecret: 's3cr3t-1', config: { apiKey: 'sk-s3cr3t-2', lark: { token: 's3cr3t-3' } } }, 'config');
    log.error({ headers: { authorization: 'Bearer s3cr3t-4' } }, 'request failed');
    expect(text()).not.toMatch(/s3cr3t/);
    expect(text()).toContain('[已隐去]');
  });
});

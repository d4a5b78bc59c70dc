import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { KnowledgeService } from '../src/knowledge/knowledge-service';
import { createLogger } from '../src/logger';
import { startFakeOpenAI } from './helpers/fake-openai';
import { captureLog } from './helpers/silent-logger';
import { tempDir } from './helpers/temp-dir';

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
    expect(text()).toContain('[redacted]');
  });

  it('blots out configured secret values wherever they appear: message, error text, stack, nested fields', () => {
    const config = loadConfig({ OPENAI_API_KEY: 'sk-live-0123456789abcdef', LOG_LEVEL: 'debug' });
    const { log, text, lines } = captureLog(config.secrets);
    log.warn(`retrying with sk-live-0123456789abcdef`);
    log.error({ err: new Error('Incorrect API key provided: sk-live-0123456789abcdef'), request: { note: ['sent sk-live-0123456789abcdef'] } }, 'failed');
    expect(text()).not.toContain('0123456789abcdef');
    expect(lines()[0]!.msg).toBe('retrying with [redacted]');
    expect(lines()[1]).toMatchObject({ err: { message: 'Incorrect API key provided: [redacted]' }, request: { note: ['sent [redacted]'] } });
    expect((lines()[1]!.err as { stack: string }).stack).toMatch(/^Error: Incorrect API key provided: \[redacted\]\n/);
  });

  it('blots out a secret the JSON line has to escape', () => {
    const { log, text } = captureLog(['k"ey\\with-quote']);
    log.info({ note: 'the key is k"ey\\with-quote' }, 'x');
    expect(text()).not.toContain('with-quote');
  });
});

describe('a key echoed by an OpenAI-compatible server (real openai client, fake server answering 401)', () => {
  const KEY = 'sk-proj-echoed-7f3a9c21e5b84d06';
  let fake: Awaited<ReturnType<typeof startFakeOpenAI>>;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
    fake.behave({ status: 401, message: (request) => `Incorrect API key provided: ${request.authorization?.replace(/^Bearer /, '')}. You can find your API key at https://platform.openai.com/account/api-keys.` });
  });
  afterAll(() => fake.close());

  it.each(['stream', 'file'] as const)('does not reach the log (%s)', async (kind) => {
    const config = loadConfig({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.baseURL, OPENAI_TIMEOUT_MS: '2000' });
    const captured = captureLog(config.secrets);
    const file = path.join(tempDir(), 'logs', 'bot.log');
    const log = kind === 'stream' ? captured.log : createLogger('info', { kind: 'file', file }, config.secrets);
    const knowledge = await KnowledgeService.load({ docsDir: 'data/docs', synonymsFile: 'data/synonyms.yaml', llm: config.llm, log });

    const answer = await knowledge.answer('双公示信息要在多少天内上传？');

    expect(fake.requests.at(-1)!.authorization).toBe(`Bearer ${KEY}`);
    expect(answer.refused).toBe(false); // the quoted clause, as after any model failure
    const written = kind === 'stream' ? captured.text() : readFileSync(file, 'utf8');
    expect(written).toContain('language model answer failed');
    expect(written).toContain('Incorrect API key provided: [redacted]');
    expect(written).not.toContain('7f3a9c21e5b84d06');
  });
});

describe('tokens no configuration names', () => {
  it('a bearer token and the long-connection URL\'s access key and ticket are blotted out by their shape', () => {
    const { log, text } = captureLog();

    log.warn({ header: 'Authorization: Bearer t-g1044ghJRUIJJ5ELPZ5MNOZ' }, 'connecting to wss://msg-frontier.feishu.cn/ws/v2?fpid=1&access_key=ak-9f8e7d&service_id=33&ticket=tk-1a2b3c');

    expect(text()).not.toMatch(/t-g1044|ak-9f8e7d|tk-1a2b3c/);
    expect(text()).toContain('Bearer [redacted]');
    expect(text()).toContain('access_key=[redacted]&service_id=33&ticket=[redacted]');
  });
});

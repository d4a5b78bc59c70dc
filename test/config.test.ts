import { describe, expect, it } from 'vitest';
import { isSecretName, loadConfig } from '../src/config';
import { StartupError } from '../src/startup-error';

describe('loadConfig', () => {
  it('uses the embedded defaults when nothing is set', () => {
    expect(loadConfig({})).toEqual({
      dataDir: 'data',
      dbFile: 'data/db.json',
      orgFile: 'data/org.yaml',
      tasksFile: 'data/tasks.yaml',
      docsDir: 'data/docs',
      synonymsFile: 'data/synonyms.yaml',
      channel: 'console',
      logLevel: 'info',
      sendLimits: { perApp: { count: 50, windowMs: 1000 }, perChat: { count: 5, windowMs: 1000 } },
      staleMinutes: 10,
      secrets: [],
    });
  });

  it('reads the send limits and the stale window, and refuses nonsense', () => {
    const config = loadConfig({ CREDIT_SEND_PER_SECOND: '20', CREDIT_SEND_PER_CHAT_PER_SECOND: '1', CREDIT_STALE_MINUTES: '30' });
    expect(config.sendLimits).toEqual({ perApp: { count: 20, windowMs: 1000 }, perChat: { count: 1, windowMs: 1000 } });
    expect(config.staleMinutes).toBe(30);
    expect(() => loadConfig({ CREDIT_SEND_PER_CHAT_PER_SECOND: '0' })).toThrow(/CREDIT_SEND_PER_CHAT_PER_SECOND="0" 无效/);
    expect(() => loadConfig({ CREDIT_STALE_MINUTES: 'ten' })).toThrow(/CREDIT_STALE_MINUTES="ten" 无效/);
  });

  it('paces a personal WeChat account by WECHAT_MIN_INTERVAL_MS per chat and WECHAT_PER_MINUTE in all', () => {
    expect(loadConfig({ CREDIT_CHANNEL: 'wechat' }).sendLimits).toEqual({ perApp: { count: 20, windowMs: 60_000 }, perChat: { count: 1, windowMs: 1500 } });
    const config = loadConfig({ CREDIT_CHANNEL: 'wechat', WECHAT_MIN_INTERVAL_MS: '3000', WECHAT_PER_MINUTE: '10', CREDIT_SEND_PER_SECOND: '1' });
    expect(config.sendLimits).toEqual({ perApp: { count: 10, windowMs: 60_000 }, perChat: { count: 1, windowMs: 3000 } });
  });

  it('puts the database inside CREDIT_DATA_DIR unless CREDIT_DB_FILE says otherwise', () => {
    expect(loadConfig({ CREDIT_DATA_DIR: '/srv/bot' }).dbFile).toBe('/srv/bot/db.json');
    expect(loadConfig({ CREDIT_DATA_DIR: '/srv/bot', CREDIT_DB_FILE: '/x/state.json' }).dbFile).toBe('/x/state.json');
  });

  it('keeps the state in PostgreSQL with CREDIT_DATABASE_URL, never echoing it: it carries the password', () => {
    const url = 'postgres://credit:s3cret@127.0.0.1:5432/credit';
    expect(loadConfig({ CREDIT_DATABASE_URL: url })).toMatchObject({ databaseUrl: url });
    expect(loadConfig({ CREDIT_DATABASE_URL: url }).secrets).toContain(url);
    expect(loadConfig({}).databaseUrl).toBeUndefined();
    expect(() => loadConfig({ CREDIT_DATABASE_URL: 'mysql://credit:s3cret@db/credit' })).toThrow(/^配置错误：环境变量 CREDIT_DATABASE_URL 无效：应为 postgres:\/\/用户:密码@主机:端口\/数据库/);
    expect(() => loadConfig({ CREDIT_DATABASE_URL: 'mysql://credit:s3cret@db/credit' })).not.toThrow(/s3cret/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ LOG_LEVEL: '' }).logLevel).toBe('info');
  });

  it('names the variable, its value and what was expected', () => {
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(StartupError);
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(/环境变量 LOG_LEVEL="verbose" 无效.*"info"/);
    expect(() => loadConfig({ CREDIT_CHANNEL: 'telegram' })).toThrow(/CREDIT_CHANNEL="telegram".*"console"/);
  });

  it('picks the channel from CREDIT_CHANNEL, and says which are not built yet', () => {
    expect(loadConfig({}).channel).toBe('console');
    expect(loadConfig({ CREDIT_CHANNEL: 'console' }).channel).toBe('console');
    expect(() => loadConfig({ CREDIT_CHANNEL: 'teams' })).toThrow('配置错误：环境变量 CREDIT_CHANNEL="teams" 无效：应为 "console"、"lark"、"wechat"、"wecom"（终端、飞书、微信、企业微信）');
  });

  describe('on Feishu (CREDIT_CHANNEL=lark)', () => {
    const app = { CREDIT_CHANNEL: 'lark', LARK_APP_ID: 'cli_a1b2c3d4e5f60718', LARK_APP_SECRET: 'app-secret-value' };

    it('uses the long connection to open.feishu.cn by default', () => {
      expect(loadConfig(app).lark).toEqual({ appId: 'cli_a1b2c3d4e5f60718', appSecret: 'app-secret-value', domain: 'https://open.feishu.cn', mode: 'websocket' });
      expect(loadConfig({ ...app, LARK_DOMAIN: 'lark' }).lark?.domain).toBe('https://open.larksuite.com');
      expect(loadConfig({ ...app, LARK_DOMAIN: 'http://127.0.0.1:8080/' }).lark?.domain).toBe('http://127.0.0.1:8080');
      expect(loadConfig({ LARK_APP_ID: 'cli_a1b2c3d4e5f60718' }).lark).toBeUndefined();
    });

    it('names the missing credential and where the console shows it', () => {
      expect(() => loadConfig({ CREDIT_CHANNEL: 'lark' })).toThrow(/CREDIT_CHANNEL=lark 需要环境变量 LARK_APP_ID（.*凭证与基础信息）/);
      expect(() => loadConfig({ ...app, LARK_APP_SECRET: '' })).toThrow(/需要环境变量 LARK_APP_SECRET/);
      expect(() => loadConfig({ ...app, LARK_APP_ID: 'a1b2c3' })).toThrow(/LARK_APP_ID="a1b2c3" 无效：应为 cli_ 加 16 位十六进制/);
      expect(() => loadConfig({ ...app, LARK_MODE: 'http' })).toThrow(/LARK_MODE="http" 无效/);
      expect(() => loadConfig({ ...app, LARK_APPID: 'x' })).toThrow(/未知的环境变量 LARK_APPID；可用的有 LARK_APP_ID/);
    });

    it('needs the encrypt key in webhook mode, so a forged post is refused', () => {
      expect(() => loadConfig({ ...app, LARK_MODE: 'webhook' })).toThrow(/LARK_MODE=webhook 需要环境变量 LARK_ENCRYPT_KEY/);
      expect(loadConfig({ ...app, LARK_MODE: 'webhook', LARK_ENCRYPT_KEY: 'enc-key', LARK_VERIFICATION_TOKEN: 'verify-token', LARK_WEBHOOK_PORT: '8080' }).lark?.webhook).toEqual({
        port: 8080,
        path: '/lark/events',
        encryptKey: 'enc-key',
        verificationToken: 'verify-token',
      });
    });

    it('hands every credential to the logger to blot out', () => {
      const config = loadConfig({ ...app, LARK_MODE: 'webhook', LARK_ENCRYPT_KEY: 'enc-key', LARK_VERIFICATION_TOKEN: 'verify-token' });
      expect(config.secrets.sort()).toEqual(['app-secret-value', 'enc-key', 'verify-token']);
    });
  });

  it('turns the language model on only with OPENAI_API_KEY, and checks its URL', () => {
    expect(loadConfig({ OPENAI_MODEL: 'qwen-plus' }).llm).toBeUndefined();
    expect(loadConfig({ OPENAI_API_KEY: 'sk-x', OPENAI_BASE_URL: 'http://127.0.0.1:1/v1' }).llm).toEqual({ apiKey: 'sk-x', baseURL: 'http://127.0.0.1:1/v1', model: 'gpt-4o-mini', timeoutMs: 8000 });
    expect(() => loadConfig({ OPENAI_API_KEY: 'sk-x', OPENAI_BASE_URL: 'not a url' })).toThrow(/OPENAI_BASE_URL="not a url" 无效：应为网址/);
    expect(() => loadConfig({ OPENAI_APIKEY: 'sk-x' })).toThrow(/未知的环境变量 OPENAI_APIKEY；可用的有 OPENAI_API_KEY、OPENAI_BASE_URL/);
  });

  it('refuses a misspelt CREDIT_ variable instead of ignoring it', () => {
    expect(() => loadConfig({ CREDIT_DATADIR: 'x' })).toThrow(/未知的环境变量 CREDIT_DATADIR.*CREDIT_DATA_DIR/);
  });

  it('knows which names hold credentials, so their values are never echoed', () => {
    expect(isSecretName('LARK_APP_SECRET')).toBe(true);
    expect(isSecretName('OPENAI_API_KEY')).toBe(true);
    expect(isSecretName('LOG_LEVEL')).toBe(false);
  });
});

describe('the secrets the logger blots out', () => {
  it('are the values of every configured variable named like a credential', () => {
    expect(loadConfig({}).secrets).toEqual([]);
    expect(loadConfig({ OPENAI_API_KEY: 'sk-abc', OPENAI_MODEL: 'qwen-plus', CREDIT_DATA_DIR: '/srv/bot' }).secrets).toEqual(['sk-abc']);
  });
});

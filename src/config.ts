import path from 'node:path';
import type { SendLimits } from './core/outbound/sender';
import type { LlmConfig } from './knowledge/llm-answerer';
import { LOG_LEVELS, type LogLevel } from './logger';
import { DEFAULT_STALE_MINUTES } from './core/stale-window';
import { z } from './zod';
import { StartupError } from './startup-error';

/** The channels `npm start` can run on; simulate is driven by its own command. */
export const CHANNELS = ['console', 'lark', 'wechat', 'wecom'] as const;

/** How Feishu delivers events: the long connection (no public address needed) or HTTP callbacks. */
export const LARK_MODES = ['websocket', 'webhook'] as const;

/** Feishu in China, Lark international; a URL points the SDK elsewhere (a private deployment, a test). */
const LARK_DOMAINS = { feishu: 'https://open.feishu.cn', lark: 'https://open.larksuite.com' } as const;

/**
 * Every environment variable the bot reads. Unknown CREDIT_* and OPENAI_* variables are refused
 * too, so a typo such as CREDIT_DATADIR does not silently fall back to the default.
 */
const envSchema = z.object({
  CREDIT_DATA_DIR: z.string().min(1).default('data'),
  CREDIT_DB_FILE: z.string().min(1).optional(),
  /** Set: the state is kept in PostgreSQL (or a database speaking its protocol) instead of lowdb files. */
  CREDIT_DATABASE_URL: z.string().regex(/^postgres(?:ql)?:\/\/\S+$/, '应为 postgres://用户:密码@主机:端口/数据库，例如 postgres://credit:密码@127.0.0.1:5432/credit').optional(),
  CREDIT_ORG_FILE: z.string().min(1).default('data/org.yaml'),
  CREDIT_TASKS_FILE: z.string().min(1).default('data/tasks.yaml'),
  CREDIT_DOCS_DIR: z.string().min(1).default('data/docs'),
  CREDIT_SYNONYMS_FILE: z.string().min(1).default('data/synonyms.yaml'),
  CREDIT_CHANNEL: z.enum(CHANNELS, { error: `应为 ${CHANNELS.map((c) => `"${c}"`).join('、')}（终端、飞书、微信、企业微信）` }).default('console'),
  LARK_APP_ID: z.string().regex(/^cli_[0-9a-f]{16}$/, '应为 cli_ 加 16 位十六进制，例如 cli_a1b2c3d4e5f60718（开发者后台 → 凭证与基础信息）').optional(),
  LARK_APP_SECRET: z.string().min(1).optional(),
  LARK_DOMAIN: z
    .union([z.enum(['feishu', 'lark']), z.url()], { error: '应为 feishu（飞书，默认）、lark（Lark 国际版）或网址，例如 https://open.feishu.cn' })
    .default('feishu'),
  LARK_MODE: z.enum(LARK_MODES, { error: '应为 "websocket"（长连接，默认）或 "webhook"（HTTP 回调）' }).default('websocket'),
  LARK_ENCRYPT_KEY: z.string().min(1).optional(),
  LARK_VERIFICATION_TOKEN: z.string().min(1).optional(),
  LARK_WEBHOOK_PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  /** The wechaty puppet package; wechaty itself reads the WECHATY_* variables too. */
  WECHATY_PUPPET: z.string().min(1).default('wechaty-puppet-wechat4u'),
  WECHATY_PUPPET_SERVICE_TOKEN: z.string().min(1).optional(),
  /** A personal account is flagged for sending fast: at least this long between two messages to one chat … */
  WECHAT_MIN_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(1500),
  /** … and no more than this many a minute in all. */
  WECHAT_PER_MINUTE: z.coerce.number().int().min(1).max(600).default(20),
  WECOM_BOT_ID: z.string().min(1).optional(),
  WECOM_BOT_SECRET: z.string().min(1).optional(),
  WECOM_WS_URL: z.url('应为 wss:// 开头的网址，例如 wss://openws.work.weixin.qq.com').default('wss://openws.work.weixin.qq.com'),
  LARK_WEBHOOK_PATH: z.string().regex(/^\/\S*$/, '应以 / 开头，例如 /lark/events').default('/lark/events'),
  /** An OpenAI-compatible server for policy answers (DeepSeek, Qwen, Ollama, vLLM …); unset: extractive answers. */
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.url('应为网址，例如 https://api.deepseek.com/v1').optional(),
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  OPENAI_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(8000),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Lark's documented limits for sending messages: 50 a second per app, 5 a second per chat. */
  CREDIT_SEND_PER_SECOND: z.coerce.number().int().min(1).max(1000).default(50),
  CREDIT_SEND_PER_CHAT_PER_SECOND: z.coerce.number().int().min(1).max(1000).default(5),
  CREDIT_STALE_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(DEFAULT_STALE_MINUTES),
});

export interface Config {
  /** Runtime state: db.json, logs/, exports/. */
  dataDir: string;
  dbFile: string;
  /** PostgreSQL instead of the lowdb files in dataDir. */
  databaseUrl?: string;
  orgFile: string;
  tasksFile: string;
  docsDir: string;
  synonymsFile: string;
  channel: (typeof CHANNELS)[number];
  logLevel: LogLevel;
  /** How fast the bot may send; unset (simulate) means unpaced. */
  sendLimits?: SendLimits;
  /** Events older than this many minutes (a backlog after a reconnect) are not acted on. */
  staleMinutes: number;
  /** Set when OPENAI_API_KEY is: answers are then written by the model from the passages found. */
  llm?: LlmConfig;
  /** Set when CREDIT_CHANNEL=lark. */
  lark?: LarkConfig;
  /** Set when CREDIT_CHANNEL=wechat. */
  wechat?: WechatConfig;
  /** Set when CREDIT_CHANNEL=wecom. */
  wecom?: WecomConfig;
  /** The values of every configured variable named like a credential: the logger blots them out. */
  secrets: string[];
}

export interface LarkConfig {
  appId: string;
  appSecret: string;
  /** The open platform's base URL. */
  domain: string;
  mode: (typeof LARK_MODES)[number];
  /** Webhook mode only: where Feishu posts events, and the keys that prove a post came from it. */
  webhook?: { port: number; path: string; encryptKey: string; verificationToken?: string };
}

export interface WechatConfig {
  /** The puppet package wechaty drives the account with (wechat4u, a puppet-service for a token …). */
  puppet: string;
  puppetToken?: string;
  /** Pacing for a personal account: the least time between two sends to one chat, and sends a minute in all. */
  minIntervalMs: number;
  perMinute: number;
}

export interface WecomConfig {
  botId: string;
  secret: string;
  /** The long-connection address: WeCom's own, a private deployment's, or a test's. */
  wsUrl: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const known = new Set(Object.keys(envSchema.shape));
  const unknown = Object.keys(env).find((name) => /^(CREDIT|OPENAI|LARK|WECHAT|WECOM)_/.test(name) && !known.has(name));
  if (unknown) {
    throw new StartupError(`配置错误：未知的环境变量 ${unknown}；可用的有 ${[...known].filter((k) => k.split('_')[0] === unknown.split('_')[0]).join('、')}`);
  }
  // Empty strings count as unset: `FOO= npm start` should mean "default", not "invalid".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    const shown = isSecretName(name) ? '' : `=${JSON.stringify(env[name])}`;
    throw new StartupError(`配置错误：环境变量 ${name}${shown} 无效：${issue.message}`);
  }
  const e = parsed.data;
  return {
    dataDir: e.CREDIT_DATA_DIR,
    dbFile: e.CREDIT_DB_FILE ?? path.join(e.CREDIT_DATA_DIR, 'db.json'),
    ...(e.CREDIT_DATABASE_URL ? { databaseUrl: e.CREDIT_DATABASE_URL } : {}),
    orgFile: e.CREDIT_ORG_FILE,
    tasksFile: e.CREDIT_TASKS_FILE,
    docsDir: e.CREDIT_DOCS_DIR,
    synonymsFile: e.CREDIT_SYNONYMS_FILE,
    llm: e.OPENAI_API_KEY ? { apiKey: e.OPENAI_API_KEY, baseURL: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL, timeoutMs: e.OPENAI_TIMEOUT_MS } : undefined,
    channel: e.CREDIT_CHANNEL,
    ...(e.CREDIT_CHANNEL === 'lark' ? { lark: larkConfig(e) } : {}),
    ...(e.CREDIT_CHANNEL === 'wechat'
      ? {
          wechat: {
            puppet: e.WECHATY_PUPPET,
            ...(e.WECHATY_PUPPET_SERVICE_TOKEN ? { puppetToken: e.WECHATY_PUPPET_SERVICE_TOKEN } : {}),
            minIntervalMs: e.WECHAT_MIN_INTERVAL_MS,
            perMinute: e.WECHAT_PER_MINUTE,
          },
        }
      : {}),
    ...(e.CREDIT_CHANNEL === 'wecom' ? { wecom: wecomConfig(e) } : {}),
    logLevel: e.LOG_LEVEL,
    sendLimits: sendLimits(e),
    staleMinutes: e.CREDIT_STALE_MINUTES,
    secrets: Object.entries(e).flatMap(([name, value]) => (isSecretName(name) && typeof value === 'string' ? [value] : [])),
  };
}

/**
 * How fast the configured channel may send: a personal WeChat account by its own pacing (a least
 * gap per chat, a count a minute), every other platform by Lark's per-second limits.
 */
function sendLimits(e: z.output<typeof envSchema>): SendLimits {
  if (e.CREDIT_CHANNEL === 'wechat') {
    return { perApp: { count: e.WECHAT_PER_MINUTE, windowMs: 60_000 }, perChat: { count: 1, windowMs: e.WECHAT_MIN_INTERVAL_MS } };
  }
  return { perApp: { count: e.CREDIT_SEND_PER_SECOND, windowMs: 1000 }, perChat: { count: e.CREDIT_SEND_PER_CHAT_PER_SECOND, windowMs: 1000 } };
}

/** Values of variables named like credentials never appear in messages, even when invalid. */
export function isSecretName(name: string): boolean {
  // A database URL carries its password.
  return /KEY|SECRET|TOKEN|PASSWORD|DATABASE_URL/i.test(name);
}

/** The Feishu app's settings; the credentials are required, and webhook mode needs its encrypt key. */
function larkConfig(e: z.output<typeof envSchema>): LarkConfig {
  const required = (name: 'LARK_APP_ID' | 'LARK_APP_SECRET' | 'LARK_ENCRYPT_KEY', where: string): string => {
    const value = e[name];
    if (value === undefined) throw new StartupError(`配置错误：${where}需要环境变量 ${name}（飞书开发者后台 https://open.feishu.cn/app → 你的应用 → ${name === 'LARK_ENCRYPT_KEY' ? '事件与回调 → 加密策略 → Encrypt Key' : '凭证与基础信息'}）`);
    return value;
  };
  const appId = required('LARK_APP_ID', 'CREDIT_CHANNEL=lark ');
  const appSecret = required('LARK_APP_SECRET', 'CREDIT_CHANNEL=lark ');
  const domain = e.LARK_DOMAIN === 'feishu' || e.LARK_DOMAIN === 'lark' ? LARK_DOMAINS[e.LARK_DOMAIN] : e.LARK_DOMAIN.replace(/\/+$/, '');
  if (e.LARK_MODE === 'websocket') return { appId, appSecret, domain, mode: e.LARK_MODE };
  // Without the encrypt key nothing proves a post came from Feishu: anyone could speak as anyone.
  const encryptKey = required('LARK_ENCRYPT_KEY', 'LARK_MODE=webhook ');
  return {
    appId,
    appSecret,
    domain,
    mode: e.LARK_MODE,
    webhook: { port: e.LARK_WEBHOOK_PORT, path: e.LARK_WEBHOOK_PATH, encryptKey, ...(e.LARK_VERIFICATION_TOKEN ? { verificationToken: e.LARK_VERIFICATION_TOKEN } : {}) },
  };
}

/** The WeCom robot's settings: its id and secret from the admin console are required. */
function wecomConfig(e: z.output<typeof envSchema>): WecomConfig {
  for (const name of ['WECOM_BOT_ID', 'WECOM_BOT_SECRET'] as const) {
    if (e[name] === undefined) throw new StartupError(`配置错误：CREDIT_CHANNEL=wecom 需要环境变量 ${name}（企业微信管理后台 → 应用管理 → 智能机器人 → 你的机器人 → API 模式，长连接方式下的 Bot ID 和 Secret）`);
  }
  return { botId: e.WECOM_BOT_ID!, secret: e.WECOM_BOT_SECRET!, wsUrl: e.WECOM_WS_URL };
}

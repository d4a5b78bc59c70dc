import path from 'node:path';
import type { SendLimits } from './core/outbound/sender';
import type { LlmConfig } from './knowledge/llm-answerer';
import { LOG_LEVELS, type LogLevel } from './logger';
import { DEFAULT_STALE_MINUTES } from './core/stale-window';
import { z } from './zod';
import { StartupError } from './startup-error';

/** The channels `npm start` can run on; simulate is driven by its own command. */
export const CHANNELS = ['console'] as const;

/**
 * Every environment variable the bot reads. Unknown CREDIT_* and OPENAI_* variables are refused
 * too, so a typo such as CREDIT_DATADIR does not silently fall back to the default.
 */
const envSchema = z.object({
  CREDIT_DATA_DIR: z.string().min(1).default('data'),
  CREDIT_DB_FILE: z.string().min(1).optional(),
  CREDIT_ORG_FILE: z.string().min(1).default('data/org.yaml'),
  CREDIT_TASKS_FILE: z.string().min(1).default('data/tasks.yaml'),
  CREDIT_DOCS_DIR: z.string().min(1).default('data/docs'),
  CREDIT_SYNONYMS_FILE: z.string().min(1).default('data/synonyms.yaml'),
  CREDIT_CHANNEL: z.enum(CHANNELS, { error: `应为 ${CHANNELS.map((c) => `"${c}"`).join('、')}（飞书 lark、企业微信 wechat 尚未接入）` }).default('console'),
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
  /** The values of every configured variable named like a credential: the logger blots them out. */
  secrets: string[];
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const known = new Set(Object.keys(envSchema.shape));
  const unknown = Object.keys(env).find((name) => /^(CREDIT|OPENAI)_/.test(name) && !known.has(name));
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
    orgFile: e.CREDIT_ORG_FILE,
    tasksFile: e.CREDIT_TASKS_FILE,
    docsDir: e.CREDIT_DOCS_DIR,
    synonymsFile: e.CREDIT_SYNONYMS_FILE,
    llm: e.OPENAI_API_KEY ? { apiKey: e.OPENAI_API_KEY, baseURL: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL, timeoutMs: e.OPENAI_TIMEOUT_MS } : undefined,
    channel: e.CREDIT_CHANNEL,
    logLevel: e.LOG_LEVEL,
    sendLimits: { perApp: e.CREDIT_SEND_PER_SECOND, perChat: e.CREDIT_SEND_PER_CHAT_PER_SECOND },
    staleMinutes: e.CREDIT_STALE_MINUTES,
    secrets: Object.entries(e).flatMap(([name, value]) => (isSecretName(name) && typeof value === 'string' ? [value] : [])),
  };
}

/** Values of variables named like credentials never appear in messages, even when invalid. */
export function isSecretName(name: string): boolean {
  return /KEY|SECRET|TOKEN|PASSWORD/i.test(name);
}

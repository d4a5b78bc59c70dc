import path from 'node:path';
import { z } from './zod';
import { StartupError } from './startup-error';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Every environment variable the bot reads. Unknown CREDIT_* variables are refused too, so a
 * typo such as CREDIT_DATADIR does not silently fall back to the default.
 */
const envSchema = z.object({
  CREDIT_DATA_DIR: z.string().min(1).default('data'),
  CREDIT_DB_FILE: z.string().min(1).optional(),
  CREDIT_ORG_FILE: z.string().min(1).default('data/org.yaml'),
  CREDIT_TASKS_FILE: z.string().min(1).default('data/tasks.yaml'),
  CREDIT_CHANNEL: z.enum(['console']).default('console'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
});

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  /** Runtime state: db.json, logs/, exports/. */
  dataDir: string;
  dbFile: string;
  orgFile: string;
  tasksFile: string;
  channel: 'console';
  logLevel: LogLevel;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const known = new Set(Object.keys(envSchema.shape));
  const unknown = Object.keys(env).find((name) => name.startsWith('CREDIT_') && !known.has(name));
  if (unknown) {
    throw new StartupError(`配置错误：未知的环境变量 ${unknown}；可用的有 ${[...known].join('、')}`);
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
    channel: e.CREDIT_CHANNEL,
    logLevel: e.LOG_LEVEL,
  };
}

/** Values of variables named like credentials never appear in messages, even when invalid. */
export function isSecretName(name: string): boolean {
  return /KEY|SECRET|TOKEN|PASSWORD/i.test(name);
}

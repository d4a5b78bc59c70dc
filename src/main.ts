import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ConsoleChannel } from './channels/console-channel';
import type { Channel } from './channels/channel';
import { loadConfig, type Config } from './config';
import { systemClock } from './core/clock';
import { createApp, type App } from './app';
import { LarkChannel } from './channels/lark/lark-channel';
import { WecomChannel } from './channels/wecom/wecom-channel';
import { WechatChannel } from './channels/wechat/wechat-channel';
import type { Outgoing } from './model/message';
import { createLogger, type Logger } from './logger';
import type { Roster } from './org/roster';
import { t } from './prompts';
import { LiveScheduler } from './scheduler/live-scheduler';
import { StartupError } from './startup-error';
import { lockDataFile } from './store/data-lock';
import { moveStoreAside } from './store/fresh-start';

/** `npm start [-- --fresh]`: the bot on the configured channel (the terminal chat by default). */
async function main(): Promise<void> {
  const { fresh } = parseArguments(process.argv.slice(2));
  const config = loadConfig();
  await mkdir(path.dirname(config.dbFile), { recursive: true });
  // With PostgreSQL, the database's own lock says which process is active (postgres-store.ts).
  const release = config.databaseUrl ? async () => undefined : await lockDataFile(config.dbFile);
  const backup = fresh ? await moveStoreAside(config.dbFile, systemClock.now()) : undefined;
  const notes = !fresh ? [] : [backup ? t('console.fresh_moved', { backup, db: config.dbFile }) : t('console.fresh_nothing', { db: config.dbFile })];
  // In the terminal chat, logs go to a file instead of interleaving with it; a server logs to stderr.
  const logFile = path.join(config.dataDir, 'logs', 'bot.log');
  const log = createLogger(config.logLevel, config.channel === 'console' ? { kind: 'file', file: logFile } : { kind: 'stderr' }, config.secrets);
  if (fresh) log.info({ db: config.dbFile, movedTo: backup ?? null }, 'started fresh');
  // A channel's own notices (WeChat's "logged back in") go out through the bot, made after the channel.
  let app: App | undefined;
  const notify = async (out: Outgoing) => void (await app!.bot.send(out));
  app = await createApp(config, systemClock, log, (roster) => makeChannel(config, roster, log, [t('console.files', { log: logFile, db: config.dbFile }), ...notes], notify));
  const scheduler = new LiveScheduler(systemClock, log);
  await scheduler.start(app.jobs);
  log.info({ channel: app.channel.name, org: config.orgFile, db: config.dbFile }, 'bot started');
  // The terminal chat handles Ctrl-C itself; a platform channel stops cleanly on either signal.
  const signals = config.channel === 'console' ? (['SIGTERM'] as const) : (['SIGTERM', 'SIGINT'] as const);
  for (const signal of signals) process.once(signal, () => void app.channel.stop());
  await app.channel.start(async (event) => {
    await app.bot.handle(event);
    scheduler.refresh();
  });
  scheduler.stop();
  await app.store.close();
  await release();
  log.info('bot stopped');
}

/** The channel CREDIT_CHANNEL names (config.ts refuses the ones not built yet). */
function makeChannel(config: Config, roster: Roster, log: Logger, notes: string[], notify: (out: Outgoing) => Promise<void>): Channel {
  switch (config.channel) {
    case 'console':
      return new ConsoleChannel({
        roster,
        clock: systemClock,
        input: process.stdin,
        output: process.stdout,
        interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
        notes,
      });
    case 'lark':
      return new LarkChannel({ ...config.lark!, roster, log });
    case 'wechat':
      return new WechatChannel({
        puppet: config.wechat!.puppet,
        ...(config.wechat!.puppetToken ? { puppetToken: config.wechat!.puppetToken } : {}),
        // The login session, so a restart need not scan the QR code again.
        sessionName: path.join(config.dataDir, 'wechaty'),
        roster,
        log,
        print: (line) => process.stderr.write(`${line}\n`),
        sendNotice: notify,
      });
    case 'wecom':
      return new WecomChannel({ ...config.wecom!, roster, log });
  }
}

function parseArguments(args: string[]): { fresh: boolean } {
  const unknown = args.find((a) => a !== '--fresh');
  if (unknown) throw new StartupError(t('console.unknown_argument', { arg: unknown }));
  return { fresh: args.includes('--fresh') };
}

main().catch((error: unknown) => {
  if (error instanceof StartupError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
});

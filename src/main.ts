import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ConsoleChannel } from './channels/console-channel';
import { loadConfig } from './config';
import { systemClock } from './core/clock';
import { createApp } from './app';
import { createLogger } from './logger';
import { LiveScheduler } from './scheduler/live-scheduler';
import { StartupError } from './startup-error';
import { lockDataFile } from './store/data-lock';

/** `npm start`: the bot on the configured channel (the terminal chat by default). */
async function main(): Promise<void> {
  const config = loadConfig();
  await mkdir(path.dirname(config.dbFile), { recursive: true });
  const release = await lockDataFile(config.dbFile);
  // The terminal is the chat, so logs go to a file instead of interleaving with it.
  const logFile = path.join(config.dataDir, 'logs', 'bot.log');
  const log = createLogger(config.logLevel, { kind: 'file', file: logFile }, config.secrets);
  const app = await createApp(config, systemClock, log, (roster) =>
    new ConsoleChannel({
      roster,
      clock: systemClock,
      input: process.stdin,
      output: process.stdout,
      interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
      notes: [`（日志写入 ${logFile}，数据保存在 ${config.dbFile}）`],
    }),
  );
  const scheduler = new LiveScheduler(systemClock, log);
  await scheduler.start(app.jobs);
  log.info({ channel: app.channel.name, org: config.orgFile, db: config.dbFile }, 'bot started');
  await app.channel.run(async (msg) => {
    await app.bot.handle(msg);
    scheduler.refresh();
  });
  scheduler.stop();
  await release();
  log.info('bot stopped');
}

main().catch((error: unknown) => {
  if (error instanceof StartupError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
});

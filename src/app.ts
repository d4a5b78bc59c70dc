import path from 'node:path';
import { commandList } from '../commands/index';
import type { Channel } from './channels/channel';
import type { Config } from './config';
import { Bot, type BotParts } from './core/bot';
import type { Clock } from './core/clock';
import { CommandRegistry } from './core/command';
import { housekeepingJob } from './core/housekeeping';
import { answerFromDocuments } from './knowledge/answer-question';
import { KnowledgeService } from './knowledge/knowledge-service';
import { reminderJob } from './reminders/reminder-job';
import { Conversations } from './conversations/conversations';
import { formLapseJob } from './conversations/form-lapse-job';
import { workdayLifetime } from './conversations/lifetime';
import type { Outgoing } from './model/message';
import type { Logger } from './logger';
import { loadRoster, type Roster } from './org/roster';
import type { Job } from './scheduler/job';
import { LowdbStore } from './store/lowdb-store';
import { PostgresStore } from './store/postgres-store';
import { Store } from './store/store';
import { pointsFlow } from './flows/points-form';
import { submissionFlow } from './flows/submission-form';
import type { Flow } from './conversations/flow';
import { loadTaskCatalog, type TaskCatalog } from './tasks/catalog';

export interface App {
  roster: Roster;
  knowledge: KnowledgeService;
  catalog: TaskCatalog;
  store: Store;
  bot: Bot;
  channel: Channel;
  jobs: Job[];
}

/**
 * Puts the bot together from its configuration. Everything that can be wrong with the data
 * files is found here, before the first message is handled.
 */
export async function createApp(
  config: Config,
  clock: Clock,
  log: Logger,
  makeChannel: (roster: Roster) => Channel,
): Promise<App> {
  const roster = loadRoster(config.orgFile);
  const catalog = loadTaskCatalog(config.tasksFile, roster);
  const store = new Store(
    config.databaseUrl
      ? await PostgresStore.open(config.databaseUrl, () => log.warn('another bot process is active on this database; waiting as its standby'))
      : await LowdbStore.open(config.dbFile),
  );
  const knowledge = await KnowledgeService.load({ docsDir: config.docsDir, synonymsFile: config.synonymsFile, llm: config.llm, log });
  const channel = makeChannel(roster);
  const { bot, conversations } = assembleBot({ roster, catalog, store, knowledge, clock, log, channel, dataDir: config.dataDir, delivery: { limits: config.sendLimits }, staleMinutes: config.staleMinutes });
  return { roster, catalog, knowledge, store, bot, channel, jobs: appJobs({ roster, catalog, store, conversations, bot, log }) };
}

/** The bot over its parts, with every command and guided conversation it has (also `bench:scale`'s bot). */
export function assembleBot(
  parts: Pick<BotParts, 'roster' | 'catalog' | 'store' | 'knowledge' | 'clock' | 'log' | 'channel' | 'delivery' | 'staleMinutes'> & { dataDir: string },
): { bot: Bot; conversations: Conversations } {
  const { dataDir, ...rest } = parts;
  const conversations = new Conversations(appFlows(parts.catalog), workdayLifetime(parts.catalog));
  const bot = new Bot({
    ...rest,
    commands: new CommandRegistry(commandList),
    conversations,
    answerQuestion: answerFromDocuments(parts.knowledge),
    exportsDir: path.join(dataDir, 'exports'),
  });
  return { bot, conversations };
}

/** Every scheduled job; what they send goes out through the bot, as its replies do. */
export function appJobs(app: { roster: Roster; catalog: TaskCatalog; store: Store; conversations: Conversations; bot: Bot; log: Logger }): Job[] {
  const { roster, catalog, store, conversations, bot, log } = app;
  const send = async (out: Outgoing) => void (await bot.send(out));
  return [housekeepingJob(store), reminderJob({ store, catalog, roster, send, log }), formLapseJob({ store, conversations, roster, send, log })];
}

/** Every guided conversation the bot runs. */
export function appFlows(catalog: TaskCatalog): Flow[] {
  return [submissionFlow(catalog), pointsFlow(catalog.points)];
}

import { performance } from 'node:perf_hooks';
import { appJobs, assembleBot } from '../app';
import { SimulateChannel } from '../channels/simulate-channel';
import { typedIncoming } from '../channels/typed-incoming';
import type { Bot } from '../core/bot';
import { VirtualClock } from '../core/clock';
import { KnowledgeService } from '../knowledge/knowledge-service';
import type { Logger } from '../logger';
import { loadRoster, type Roster } from '../org/roster';
import type { Job } from '../scheduler/job';
import { Store } from '../store/store';
import { loadTaskCatalog, type TaskCatalog } from '../tasks/catalog';
import type { StoreUnderTest } from './stores';

/** A generated department on disk: its org.yaml and tasks.yaml. */
export interface Department {
  orgFile: string;
  tasksFile: string;
}

export interface BenchBot {
  bot: Bot;
  store: Store;
  roster: Roster;
  catalog: TaskCatalog;
  clock: VirtualClock;
  reminders: Job;
  /** Messages the bot has sent so far. */
  sent(): number;
  /** Hands one message to the bot as the simulate channel does, and resolves once it is handled. */
  say(personId: string, text: string, chat: 'group' | 'dm'): Promise<void>;
  /** Seconds from opening the store to a bot ready for its first message; the store's part of it. */
  startupSeconds: number;
  openSeconds: number;
}

/**
 * The bot as `npm start` puts it together (src/app.ts), over the store under test and the simulate
 * channel, with a virtual clock: what is measured is the store's and the bot's work, not a
 * platform's. Like npm start, it runs the jobs that catch up at startup before its first message, so
 * what the reminder run at 09:30 costs is what it costs a bot running since the morning. Its
 * messages are counted, not kept.
 */
export async function startBenchBot(storeUnderTest: StoreUnderTest, dataDir: string, department: Department, now: Date, log: Logger): Promise<BenchBot> {
  const started = performance.now();
  const roster = loadRoster(department.orgFile);
  const catalog = loadTaskCatalog(department.tasksFile, roster);
  const beforeOpen = performance.now();
  const store = new Store(await storeUnderTest.open(dataDir));
  const openSeconds = (performance.now() - beforeOpen) / 1000;
  const knowledge = await KnowledgeService.load({ docsDir: 'data/docs', synonymsFile: 'data/synonyms.yaml', log });
  const clock = new VirtualClock(now);
  let sent = 0;
  const channel = new SimulateChannel(roster, clock, () => void sent++);
  const { bot, conversations } = assembleBot({ roster, catalog, store, knowledge, clock, log, channel, dataDir });
  void channel.start((event) => bot.handle(event));
  const jobs = appJobs({ roster, catalog, store, conversations, bot, log });
  // As npm start does before it takes messages (live-scheduler.ts): the jobs that catch up at startup run once.
  for (const job of jobs) if (job.runAtStartup) await job.run(now);
  const reminders = jobs.find((job) => job.name === 'reminders')!;
  const startupSeconds = (performance.now() - started) / 1000;
  let messageNo = 0;
  return {
    bot,
    store,
    roster,
    catalog,
    clock,
    reminders,
    sent: () => sent,
    say(personId, text, chat) {
      const person = roster.person(personId)!;
      const event = typedIncoming(
        {
          channel: 'simulate',
          senderId: person.id,
          personId: person.id,
          senderName: person.name,
          chat: chat === 'group' ? { kind: 'group', groupId: roster.mainGroup.id } : { kind: 'direct' },
          text,
          messageId: `bench-${process.pid}-${++messageNo}`,
          time: clock.now(),
        },
        roster,
      );
      return channel.deliver(event);
    },
    startupSeconds,
    openSeconds,
  };
}

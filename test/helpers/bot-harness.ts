import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { commandList } from '../../commands/index';
import { appFlows, appJobs } from '../../src/app';
import type { OutboundChannel } from '../../src/channels/channel';
import { typedIncoming } from '../../src/channels/typed-incoming';
import { Bot, type QuestionHandler } from '../../src/core/bot';
import { VirtualClock } from '../../src/core/clock';
import { CommandRegistry } from '../../src/core/command';
import type { Command } from '../../src/core/chat-context';
import type { Incoming, IncomingMessage, Outgoing } from '../../src/model/message';
import type { SendLimits } from '../../src/core/outbound/sender';
import type { Timer } from '../../src/core/outbound/timer';
import { Conversations } from '../../src/conversations/conversations';
import type { Flow } from '../../src/conversations/flow';
import { workdayLifetime } from '../../src/conversations/lifetime';
import { loadRoster } from '../../src/org/roster';
import { VirtualScheduler } from '../../src/scheduler/virtual-scheduler';
import { LowdbStore } from '../../src/store/lowdb-store';
import { Store } from '../../src/store/store';
import { loadTaskCatalog } from '../../src/tasks/catalog';
import { answerFromDocuments } from '../../src/knowledge/answer-question';
import { KnowledgeService } from '../../src/knowledge/knowledge-service';
import { FakeChannel } from './fake-channel';
import { captureLog } from './silent-logger';
import { tempDir } from './temp-dir';

/** A platform the harness can read back: what the bot handed it, in order. */
export interface RecordingChannel extends OutboundChannel {
  readonly sent: Outgoing[];
}

export interface HarnessOptions<C extends RecordingChannel = FakeChannel> {
  commands?: Command[];
  flows?: Flow[];
  answerQuestion?: QuestionHandler;
  start?: Date;
  /** Reopen an existing data directory, as after a restart. */
  dataDir?: string;
  /** The platform the bot talks to; by default one named simulate with cards and files. */
  channel?: C;
  /** What the default platform does with each send before it counts as sent: throw to fail it. */
  platform?: (out: Outgoing) => Promise<void>;
  /** The outbound path's timer (back-off); default: real time. */
  timer?: Timer;
  /** Pacing of sends, as a platform's limits set it; default: unpaced. */
  sendLimits?: SendLimits;
  staleMinutes?: number;
}

export interface SayOptions {
  chat?: 'group' | 'dm';
  /** Typed with "@信用助手" in front, as in a group. */
  mention?: boolean;
  /** A group other than the main one. */
  groupId?: string;
  id?: string;
  channel?: string;
}

let sharedKnowledge: Promise<KnowledgeService> | undefined;

/** The shipped documents, indexed once per test file (indexing takes a moment). */
export function shippedKnowledge(): Promise<KnowledgeService> {
  sharedKnowledge ??= KnowledgeService.load({ docsDir: 'data/docs', synonymsFile: 'data/synonyms.yaml', log: captureLog().log });
  return sharedKnowledge;
}

/** A Bot wired to the sample roster, a real store in a temp dir, a virtual clock and a recording transport. */
export async function botHarness<C extends RecordingChannel = FakeChannel>(options: HarnessOptions<C> = {}) {
  const dataDir = options.dataDir ?? tempDir();
  const engine = await LowdbStore.open(path.join(dataDir, 'db.json'));
  const store = new Store(engine);
  const roster = loadRoster('data/org.yaml');
  const catalog = loadTaskCatalog('data/tasks.yaml', roster);
  const clock = new VirtualClock(options.start ?? new Date('2026-11-20T01:00:00Z'));
  const captured = captureLog();
  const knowledge = await shippedKnowledge();
  // Without a platform of the test's own, C is its default, FakeChannel.
  const channel = options.channel ?? (new FakeChannel({ name: 'simulate', beforeSend: options.platform }) as RecordingChannel as C);
  const sent = channel.sent;
  const conversations = new Conversations(options.flows ?? appFlows(catalog), workdayLifetime(catalog));
  const bot = new Bot({
    roster,
    store,
    clock,
    log: captured.log,
    commands: new CommandRegistry(options.commands ?? commandList),
    catalog,
    conversations,
    knowledge,
    answerQuestion: options.answerQuestion ?? answerFromDocuments(knowledge),
    exportsDir: path.join(dataDir, 'exports'),
    channel,
    delivery: { timer: options.timer, limits: options.sendLimits },
    staleMinutes: options.staleMinutes,
  });
  const scheduler = new VirtualScheduler(clock, appJobs({ roster, catalog, store, conversations, bot, log: captured.log }), captured.log);
  function message(from: string, text: string, o: SayOptions = {}): IncomingMessage {
    const channel = o.channel ?? 'simulate';
    // As a channel's edge does: simulate (and a test's fake channel) knows people by roster id, a platform by its accounts.
    const person = channel === 'simulate' || channel === options.channel?.name ? roster.person(from) : roster.identifyPerson(channel, from);
    return typedIncoming(
      {
        channel,
        senderId: from,
        personId: person?.id,
        senderName: person?.name,
        chat: o.chat === 'group' ? { kind: 'group', groupId: o.groupId ?? roster.mainGroup.id } : { kind: 'direct' },
        text: o.mention ? `@${roster.botName} ${text}` : text,
        messageId: o.id ?? randomUUID(),
        time: clock.now(),
      },
      roster,
    );
  }

  async function handle(event: Incoming): Promise<Outgoing[]> {
    await bot.handle(event);
    scheduler.refresh();
    return sent.splice(0);
  }

  return {
    bot,
    store,
    /** The whole stored state, for a test to look at what was kept (the bot itself reads it only through `store`). */
    state: () => engine.data,
    roster,
    clock,
    log: captured,
    dataDir,
    sent,
    channel,
    message,
    /** Handles one message and returns what the bot sent in response. */
    async say(from: string, text: string, o: SayOptions = {}): Promise<Outgoing[]> {
      return handle(message(from, text, o));
    },
    /** Handles one event (a message or a button press) and returns what the bot sent in response. */
    handle,
    /** Moves the virtual clock to `time`, running every job due on the way (reminders, lapses), as the live bot would. */
    async advanceTo(time: Date): Promise<Outgoing[]> {
      await scheduler.advanceTo(time);
      return sent.splice(0);
    },
  };
}

export function textOf(out: Outgoing | undefined): string {
  if (!out) return '';
  if ('file' in out.content) return out.content.file.caption ?? out.content.file.name;
  return 'text' in out.content ? out.content.text : [out.content.card.title, ...(out.content.card.lines ?? [])].join('\n');
}

import { LarkChannel } from '../../src/channels/lark/lark-channel';
import { loadRoster } from '../../src/org/roster';
import { botHarness, type HarnessOptions, type RecordingChannel } from './bot-harness';
import { harnessRegistry } from './harness-registry';
import { recordingThrough, sentDuring } from './platform-bot';
import { freshAppId, startFakeFeishu, type Ack, type FakeFeishu, type SentMessage } from './fake-feishu';
import { textMessageEvent, type Mentionable } from './feishu-events';
import { captureLog } from './silent-logger';
import { SkippingTimer } from './skipping-timer';

const APP_SECRET = 'lark-e2e-secret-0123456789';

export interface LarkHarnessOptions extends Omit<HarnessOptions<RecordingChannel>, 'channel' | 'platform' | 'timer'> {
  /** The Feishu of an earlier run, for a restart: the same app on the same server. */
  fake?: FakeFeishu;
}

export interface SayOptions {
  /** The Feishu message_id; a fresh one unless a redelivery is being played. */
  id?: string;
  /** When it was typed; now on the bot's clock unless a backlog is being played. */
  typedAt?: Date;
}

/**
 * The whole bot (the bot harness: store, roster, knowledge, jobs on a virtual clock) on the real
 * LarkChannel and the official SDK, talking to a fake Feishu on 127.0.0.1: people's messages are
 * pushed as `im.message.receive_v1` events over the long connection, and what the bot says is
 * read from what reached Feishu's im/v1/messages (`fake.sent`).
 */
export async function larkHarness(options: LarkHarnessOptions = {}) {
  // Reconnect at once after a dropped socket (Feishu's default waits up to 30 s at random).
  const fake = options.fake ?? (await startFakeFeishu({ appId: freshAppId(), appSecret: APP_SECRET }, { clientConfig: { ReconnectNonce: 0, ReconnectInterval: 1 } }));
  const roster = loadRoster('data/org.yaml');
  const channelLog = captureLog();
  const lark = new LarkChannel({ appId: fake.appId, appSecret: APP_SECRET, domain: fake.domain, roster, log: channelLog.log });
  const timer = new SkippingTimer();
  const h = await botHarness({ ...options, channel: recordingThrough(lark), timer });

  // Resolvers of the pushes waiting for the bot to finish with their message, by message_id; and
  // of those waiting for whatever event is handled next (a press or an arrival, whose ids Feishu makes).
  const waiting = new Map<string, Array<() => void>>();
  let waitingForNext: Array<() => void> = [];
  const running = lark.start(async (event) => {
    await h.handle(event);
    waiting.get(event.messageId)?.shift()?.();
    for (const resolve of waitingForNext.splice(0)) resolve();
  });
  /** Pushes a platform event and resolves, once the bot has handled it, with Feishu's ack and what was sent meanwhile. */
  async function push(eventType: string, event: unknown): Promise<{ ack: Ack; sent: SentMessage[] }> {
    const handled = new Promise<void>((resolve) => waitingForNext.push(resolve));
    let ack!: Ack;
    const sent = await sentDuring(fake.sent, async () => {
      ack = await fake.pushEvent(eventType, event);
      await handled;
    });
    return { ack, sent };
  }
  await Promise.race([lark.connected, running.then(() => Promise.reject(new Error('the Lark channel ended before it connected')))]);

  const mentionable: Mentionable[] = [
    { name: roster.botName, openId: fake.botOpenId },
    ...roster.people.flatMap((p) => (p.identities.lark?.open_id ? [{ name: p.name, openId: p.identities.lark.open_id }] : [])),
  ];
  let messages = 0;

  /** A roster member's open_id (by name or roster id), or `who` itself for an open_id outside the roster. */
  function openIdOf(who: string): string {
    if (who.startsWith('ou_')) return who;
    const person = roster.person(who) ?? roster.findPeople(who)[0];
    const openId = person?.identities.lark?.open_id;
    if (!openId) throw new Error(`${who} has no lark open_id in data/org.yaml`);
    return openId;
  }

  /**
   * Pushes what `who` typed and resolves, once the bot has handled it, with what it sent meanwhile.
   * (A text from a person: the channel passes every such event on, so the wait always ends.)
   */
  async function type(who: string, chat: { chatId: string; chatType: 'group' | 'p2p' }, text: string, o: SayOptions): Promise<SentMessage[]> {
    messages += 1;
    const messageId = o.id ?? `om_in${messages.toString(16).padStart(8, '0')}`;
    const event = textMessageEvent({ from: openIdOf(who), ...chat, text, mentionable, messageId, at: o.typedAt ?? h.clock.now() });
    const handled = new Promise<void>((resolve) => waiting.set(messageId, [...(waiting.get(messageId) ?? []), resolve]));
    return sentDuring(fake.sent, async () => {
      const ack = await fake.pushEvent('im.message.receive_v1', event);
      if (ack.code !== 200) throw new Error(`the channel acked ${messageId} with ${ack.code}`);
      await handled;
    });
  }

  return {
    fake,
    /** The bot harness underneath: store, clock, roster, the bot's log. */
    harness: h,
    timer,
    /** The Lark channel's own log (connection state, SDK messages). */
    channelLog,
    /** A message in the department's group (its `chat_id` from org.yaml); "@信用助手" and "@王芳" become real mentions. */
    group: (who: string, text: string, o: SayOptions = {}) => type(who, { chatId: roster.mainGroup.identities.lark!.chat_id!, chatType: 'group' }, text, o),
    /** A message in `who`'s direct (p2p) chat with the bot. */
    dm: (who: string, text: string, o: SayOptions = {}) => type(who, { chatId: fake.directChatId(openIdOf(who)), chatType: 'p2p' }, text, o),
    /**
     * `who` presses the button labelled `label` on a card the bot sent (a `card.action.trigger`
     * callback); resolves with Feishu's ack (its toast and card) and what the bot sent meanwhile.
     */
    press(who: string, card: SentMessage, label: string) {
      const button = (card.content as CardJson).body.elements.find((e) => e.tag === 'button' && e.text.content === label);
      if (!button || button.tag !== 'button') throw new Error(`the card has no button 「${label}」`);
      const chatId = card.receiveIdType === 'open_id' ? fake.directChatId(card.receiveId) : card.receiveId;
      return push('card.action.trigger', {
        operator: { open_id: openIdOf(who) },
        token: 'c-fake-card-token',
        action: { tag: 'button', value: button.behaviors[0]!.value },
        host: 'im_message',
        context: { open_message_id: card.messageId, open_chat_id: chatId },
      });
    },
    /** The bot added to a chat by `who`, or `who` opening the direct chat: Feishu's chat events. */
    addedToGroup: (who: string, chatId: string, name: string) => push('im.chat.member.bot.added_v1', { chat_id: chatId, operator_id: { open_id: openIdOf(who) }, name, external: false }),
    openedDirectChat: (who: string) => push('im.chat.access_event.bot_p2p_chat_entered_v1', { chat_id: fake.directChatId(openIdOf(who)), operator_id: { open_id: openIdOf(who) }, last_message_id: '' }),
    /** Moves the bot's clock to `time`, running the jobs due on the way; resolves with what reached Feishu meanwhile. */
    advanceTo: (time: Date | string): Promise<SentMessage[]> => sentDuring(fake.sent, () => h.advanceTo(new Date(time))),
    /** Stops the bot's channel, as the process ending would; Feishu (the fake) stays up. */
    async stop(): Promise<void> {
      await lark.stop();
      await running;
    },
  };
}

export type LarkHarness = Awaited<ReturnType<typeof larkHarness>>;

/**
 * For a test file: starts whole bots on Lark (`bot(options)`), and after each test stops them and
 * closes their Feishus (a restarted bot shares its Feishu with the first).
 */
export function larkBots(): (options?: LarkHarnessOptions) => Promise<LarkHarness> {
  return harnessRegistry(larkHarness, (h) => [h.fake]);
}

/** The open_ids a text message @-mentions, in order. */
export function atOpenIds(message: SentMessage): string[] {
  const text = message.msgType === 'text' ? (message.content as { text: string }).text : JSON.stringify(message.content);
  return [...text.matchAll(/<at (?:user_id="|id=)(ou_[^">]+)"?><\/at>/g)].map((m) => m[1]!);
}

/** A sent message as its reader sees it, as plain lines: mentions removed, a card as title, lines, table rows and buttons. */
export function shownLines(message: SentMessage): string[] {
  const withoutAt = (s: string) => s.replace(/<at [^>]*><\/at>\s*/g, '');
  if (message.msgType === 'text') return withoutAt((message.content as { text: string }).text).split('\n');
  const card = message.content as CardJson;
  return [
    card.header.title.content,
    ...card.body.elements.flatMap((e) => {
      // The card's @-mentions are a markdown line of their own.
      if (e.tag === 'markdown') return e.content.split('\n').filter((l) => !/^(<at [^>]*><\/at>\s*)+$/.test(l));
      if (e.tag === 'table') return [e.columns.map((c) => c.display_name).join('｜'), ...e.rows.map((r) => e.columns.map((c) => r[c.name]).join('｜'))];
      return [`[${e.text.content}]`];
    }),
  ];
}

/** The card JSON 2.0 the channel renders (src/channels/lark/card-json.ts), as the tests read it. */
export interface CardJson {
  schema: string;
  header: { title: { content: string } };
  body: {
    elements: Array<
      | { tag: 'markdown'; content: string }
      | { tag: 'table'; page_size: number; columns: Array<{ name: string; display_name: string }>; rows: Array<Record<string, string>> }
      | { tag: 'button'; text: { content: string }; behaviors: Array<{ type: string; value: { action: string } }> }
    >;
  };
}

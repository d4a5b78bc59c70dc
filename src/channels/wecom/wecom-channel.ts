import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { WSClient, type Logger as SdkLogger, type WsFrame } from '@wecom/aibot-node-sdk';
import type { Logger } from '../../logger';
import type { ChatType, Content, FileContent, Incoming, IncomingAction, IncomingArrival, IncomingMessage, Outgoing } from '../../model/message';
import type { Roster } from '../../org/roster';
import { t } from '../../prompts';
import { TransportError } from '../../core/outbound/transport-error';
import { StartupError } from '../../startup-error';
import { z } from '../../zod';
import type { Channel, ChannelCapabilities } from '../channel';
import { eventOrigin } from '../platform-event';
import { sendError } from './send-errors';
import { newTaskId, planCard, updatedCard } from './template-card';
import { KeyedQueue, personInChat } from '../../core/keyed-queue';

export interface WecomChannelOptions {
  botId: string;
  secret: string;
  /** The long-connection address: WeCom's own, a private deployment's, or a test's. */
  wsUrl: string;
  roster: Roster;
  log: Logger;
  /** The SDK's first wait before reconnecting (it doubles up to 30 s); 1 s unless a test is in a hurry. */
  reconnectIntervalMs?: number;
  /** How long a press or an enter_chat can still be answered; WeCom's 5 s less a margin unless a test plays a slow chat. */
  answerWindowMs?: number;
}

/**
 * WeCom answers a card press only within 5 s of it (aibot_respond_update_msg with the press's
 * req_id), and a welcome within 5 s of enter_chat; the bot keeps a margin for the trip.
 */
const ANSWER_WINDOW_MS = 4500;

/** The fields of a message callback (aibot_msg_callback) the channel reads. */
const messageBody = z.object({
  msgid: z.string().min(1),
  chattype: z.enum(['single', 'group']),
  chatid: z.string().min(1).optional(),
  from: z.object({ userid: z.string().min(1) }),
  create_time: z.number().optional(),
  msgtype: z.string(),
  text: z.object({ content: z.string() }).optional(),
  voice: z.object({ content: z.string() }).optional(),
  mixed: z.object({ msg_item: z.array(z.object({ msgtype: z.string(), text: z.object({ content: z.string() }).optional() })) }).optional(),
});
type MessageBody = z.infer<typeof messageBody>;

/**
 * The fields of an event callback (aibot_event_callback). A card press names the button's key and
 * the card's task_id, flat in `event` as the SDK types it (or under `template_card_event`).
 */
const pressFields = z.object({ event_key: z.string().min(1), task_id: z.string().min(1) });
const eventBody = z.object({
  msgid: z.string().min(1),
  chattype: z.enum(['single', 'group']).default('single'),
  chatid: z.string().min(1).optional(),
  from: z.object({ userid: z.string().min(1) }),
  create_time: z.number().optional(),
  event: z.object({ eventtype: z.string(), event_key: z.string().optional(), task_id: z.string().optional(), template_card_event: pressFields.optional() }),
});
type EventBody = z.infer<typeof eventBody>;

/** A frame WeCom expects an answer to within 5 s, kept until then. */
interface Waiting {
  frame: WsFrame;
  until: number;
}

/**
 * The WeCom intelligent-robot adapter on the official SDK: WeCom pushes direct messages and group
 * messages that @-mention the robot over the long connection; each is queued at once and handled
 * one at a time per chat; userids and chatids become roster ids here. Everything the bot says goes
 * out as a proactive message (aibot_send_msg), markdown or a template card; a press is answered by
 * updating its card within WeCom's 5 s.
 */
export class WecomChannel implements Channel {
  readonly name = 'wecom';
  readonly capabilities: ChannelCapabilities = {
    cards: true,
    files: true,
    mentions: 'id',
    // The issue's limit for one WeCom text; WeCom's robot markdown takes up to 4,096 bytes, which
    // leaves room for the <@userid> mentions put in front of the first piece.
    maxTextBytes: 2048,
  };

  readonly #options: WecomChannelOptions;
  readonly #log: Logger;
  readonly #answerWindowMs: number;
  readonly #client: WSClient;
  /** Events of one chat are handled in order, chats in parallel. */
  readonly #chats = new KeyedQueue();
  /** Presses waiting for their card's update, by task_id. */
  readonly #presses = new Map<string, Waiting>();
  /** enter_chat events waiting for their welcome, by userid. */
  readonly #arrivals = new Map<string, Waiting>();
  /** Groups not in org.yaml whose chatid was logged already. */
  readonly #unlistedGroups = new Set<string>();
  #authenticated = false;
  #stopping = false;
  #stopped: (() => void) | undefined;
  #markConnected!: () => void;
  /** Resolves once the long connection is authenticated and events can arrive. */
  readonly connected = new Promise<void>((resolve) => (this.#markConnected = resolve));

  constructor(options: WecomChannelOptions) {
    this.#options = options;
    const log = options.log.child({ channel: 'wecom' });
    this.#log = log;
    this.#answerWindowMs = options.answerWindowMs ?? ANSWER_WINDOW_MS;
    // The SDK logs a message and arguments; keep them as fields so pino can redact them.
    const sdkLogger: SdkLogger = {
      error: (message, ...args) => log.error({ sdk: args }, `wecom sdk: ${message}`),
      warn: (message, ...args) => log.warn({ sdk: args }, `wecom sdk: ${message}`),
      info: (message, ...args) => log.debug({ sdk: args }, `wecom sdk: ${message}`),
      debug: (message, ...args) => log.trace({ sdk: args }, `wecom sdk: ${message}`),
    };
    this.#client = new WSClient({
      botId: options.botId,
      secret: options.secret,
      wsUrl: options.wsUrl,
      logger: sdkLogger,
      reconnectInterval: options.reconnectIntervalMs ?? 1000,
      // Once running, keep trying: an office network that drops for an hour must not end the bot.
      maxReconnectAttempts: -1,
      maxAuthFailureAttempts: -1,
    });
  }

  /**
   * Connects and delivers events until `stop()`. Credentials WeCom refuses, or an address that
   * cannot be reached, end it before anything else with a StartupError saying what to check.
   */
  async start(onEvent: (event: Incoming) => Promise<void>): Promise<void> {
    const client = this.#client;
    const ended = new Promise<void>((resolve) => (this.#stopped = resolve));
    const failed = new Promise<never>((_, reject) => {
      client.on('error', (error: Error) => {
        if (this.#authenticated) {
          this.#log.warn({ err: error }, 'wecom: long connection error');
          return;
        }
        client.disconnect();
        const refused = /Authentication failed/i.test(error.message);
        reject(new StartupError(refused ? t('wecom.auth_failed', { detail: error.message }) : t('wecom.unreachable', { url: this.#options.wsUrl, detail: error.message }), { cause: error }));
      });
    });
    client.on('authenticated', () => {
      this.#log.info(this.#authenticated ? 'wecom: long connection reconnected' : 'wecom: long connection ready (authenticated)');
      this.#authenticated = true;
      this.#markConnected();
    });
    client.on('reconnecting', (attempt: number) => this.#log.warn({ attempt }, 'wecom: long connection lost, reconnecting'));
    client.on('message', (frame: WsFrame) => this.#accept(frame, onEvent));
    client.on('event.enter_chat', (frame: WsFrame) => this.#acceptArrival(frame, onEvent));
    client.on('event.template_card_event', (frame: WsFrame) => this.#acceptPress(frame, onEvent));
    client.on('event.disconnected_event', () => {
      // WeCom keeps one connection per robot: a newer one (a second copy of the bot) took over.
      this.#log.error('wecom: another connection with this bot id took over (is a second copy of the bot running?); this one stops');
      void this.stop();
    });
    client.connect();
    await Promise.race([ended, failed]);
  }

  /** Takes no new events, answers those in hand (their replies need the connection), then disconnects. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await this.#chats.idle();
    if (this.#client.isConnected || this.#authenticated) this.#client.disconnect();
    this.#stopped?.();
  }

  async send(out: Outgoing): Promise<{ messageId: string }> {
    const chatId = this.#receiver(out.to);
    const content = out.content;
    if ('file' in content) return this.#sendFile(chatId, out, content.file);
    if ('text' in content) {
      const welcome = this.#take(this.#arrivals, chatId);
      // The welcome goes as the answer to enter_chat, WeCom's way to greet someone opening the chat.
      if (welcome) await this.#call(() => this.#client.replyWelcome(welcome, { msgtype: 'text', text: { content: content.text } }));
      else await this.#markdown(chatId, this.#withMentions(out.mentions, content.text));
      return { messageId: randomUUID() };
    }
    const taskId = newTaskId();
    const plan = planCard(content.card, taskId, this.#mentionLine(out.mentions));
    if (plan.markdown !== undefined) await this.#markdown(chatId, plan.markdown);
    if (!plan.card) return { messageId: randomUUID() };
    const card = plan.card;
    await this.#call(() => this.#client.sendMessage(chatId, { msgtype: 'template_card', template_card: card }));
    return { messageId: taskId };
  }

  /**
   * A pressed card, changed: WeCom takes the new card only as the answer to its press, within 5 s.
   * Later (a busy chat) it cannot be changed any more; the bot's reply says what was chosen anyway.
   */
  async update(messageId: string, content: Content): Promise<void> {
    const press = this.#take(this.#presses, messageId);
    if (!press || !('card' in content)) {
      this.#log.warn({ taskId: messageId }, 'wecom: a card can only be changed within 5 s of its press; it stays as it was');
      return;
    }
    await this.#call(() => this.#client.updateTemplateCard(press, updatedCard(content.card, messageId)));
  }

  /** The workbook: uploaded as a temporary file (media_id, 3 days), sent after its caption. */
  async #sendFile(chatId: string, out: Outgoing, file: FileContent): Promise<{ messageId: string }> {
    if (file.caption) await this.#markdown(chatId, this.#withMentions(out.mentions, file.caption));
    const bytes = 'data' in file ? file.data : await readFile(file.path);
    const uploaded = await this.#call(() => this.#client.uploadMedia(bytes, { type: 'file', filename: file.name }));
    await this.#call(() => this.#client.sendMediaMessage(chatId, 'file', uploaded.media_id));
    return { messageId: randomUUID() };
  }

  #markdown(chatId: string, text: string): Promise<unknown> {
    return this.#call(() => this.#client.sendMessage(chatId, { msgtype: 'markdown', markdown: { content: text } }));
  }

  async #call<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw sendError(error);
    }
  }

  /** The frame waiting under `key` if WeCom still takes an answer to it; used once. */
  #take(waiting: Map<string, Waiting>, key: string): WsFrame | undefined {
    const entry = waiting.get(key);
    waiting.delete(key);
    return entry && entry.until > Date.now() ? entry.frame : undefined;
  }

  #accept(frame: WsFrame, onEvent: (event: Incoming) => Promise<void>): void {
    const parsed = messageBody.safeParse(frame.body);
    if (!parsed.success) {
      this.#log.warn({ issues: parsed.error.issues }, 'wecom: ignored a message of unexpected shape');
      return;
    }
    const body = parsed.data;
    const { chatId } = chatOf(body);
    this.#enqueue(personInChat(chatId, body.from.userid), () => this.#deliver(body, onEvent));
  }

  async #deliver(body: MessageBody, onEvent: (event: Incoming) => Promise<void>): Promise<void> {
    const text = messageText(body);
    if (text === undefined) {
      this.#log.info({ msgid: body.msgid, type: body.msgtype }, 'wecom: a message that is not text');
      // WeCom delivers only direct messages and group messages to the robot: each one is for it.
      const { chatId } = chatOf(body);
      await this.#markdown(chatId, t('wecom.non_text')).catch((error: unknown) => this.#log.error({ err: error, msgid: body.msgid }, 'wecom: answering a non-text message failed'));
      return;
    }
    await this.#handOver(this.#toIncoming(body, text), onEvent);
  }

  #toIncoming(body: MessageBody, text: string): IncomingMessage {
    const { roster } = this.#options;
    const { chatId, chatType } = chatOf(body);
    const group = chatType === 'group' ? roster.identifyGroup('wecom', chatId) : undefined;
    if (chatType === 'group' && !group && !this.#unlistedGroups.has(chatId)) {
      // WeCom tells a group's chatid only in its messages: the log is where an admin finds it.
      this.#unlistedGroups.add(chatId);
      this.#log.warn({ chatId }, `wecom: a group org.yaml does not list wrote to the robot; if it is the work group, add identities: { wecom: { chatid: ${chatId} } } to it in org.yaml`);
    }
    const person = roster.identifyPerson('wecom', body.from.userid);
    return {
      kind: 'message',
      // WeCom redelivers a message it is unsure was received with the same msgid; the core dedupes.
      ...eventOrigin({ channel: this.name, chatId, chatType, group, senderId: body.from.userid, person, messageId: body.msgid, time: timeOf(body.create_time) }),
      // In a group WeCom delivers only what @-mentions the robot; the mention itself is text ("@信用助手 …").
      text: withoutMention(text, roster.botName),
      mentionsBot: chatType === 'group',
      // WeCom does not say whom else a message @-mentions.
      mentions: [],
    };
  }

  /** Someone opened the robot's direct chat (WeCom says so once a day): the core decides whether to welcome. */
  #acceptArrival(frame: WsFrame, onEvent: (event: Incoming) => Promise<void>): void {
    const parsed = eventBody.safeParse(frame.body);
    if (!parsed.success) {
      this.#log.warn({ issues: parsed.error.issues }, 'wecom: ignored an enter_chat event of unexpected shape');
      return;
    }
    const body = parsed.data;
    const userId = body.from.userid;
    keep(this.#arrivals, userId, frame, this.#answerWindowMs);
    const person = this.#options.roster.identifyPerson('wecom', userId);
    const event: IncomingArrival = {
      kind: 'arrival',
      ...eventOrigin({ channel: this.name, chatId: userId, chatType: 'direct', senderId: userId, person, messageId: body.msgid, time: timeOf(body.create_time) }),
    };
    this.#enqueue(personInChat(userId, userId), async () => {
      await this.#handOver(event, onEvent);
      // Only what the core said while handling the arrival (the welcome, if it was the first) answers it.
      this.#arrivals.delete(userId);
    });
  }

  /** A button pressed: its frame is kept for the card's update, the press handed on as the button's value. */
  #acceptPress(frame: WsFrame, onEvent: (event: Incoming) => Promise<void>): void {
    const parsed = eventBody.safeParse(frame.body);
    const press = parsed.success ? pressOf(parsed.data) : undefined;
    if (!parsed.success || !press) {
      this.#log.warn({ issues: parsed.success ? [] : parsed.error.issues }, 'wecom: ignored a card press of unexpected shape');
      return;
    }
    const body = parsed.data;
    keep(this.#presses, press.task_id, frame, this.#answerWindowMs);
    const { roster } = this.#options;
    const { chatId, chatType } = chatOf(body);
    const group = chatType === 'group' ? roster.identifyGroup('wecom', chatId) : undefined;
    const person = roster.identifyPerson('wecom', body.from.userid);
    const action: IncomingAction = {
      kind: 'action',
      ...eventOrigin({ channel: this.name, chatId, chatType, group, senderId: body.from.userid, person, messageId: body.msgid, time: timeOf(body.create_time) }),
      cardMessageId: press.task_id,
      value: press.event_key,
    };
    this.#enqueue(personInChat(chatId, body.from.userid), () => this.#handOver(action, onEvent));
  }

  /** Runs `work` after everything queued before it for the same person in the same chat. */
  #enqueue(key: string, work: () => Promise<void>): void {
    if (this.#stopping) return;
    this.#chats.run(key, work).catch((error: unknown) => this.#log.error({ err: error, key }, 'wecom: handling an event failed'));
  }

  /** Hands one event to the core; a failure there is logged, never thrown back into the SDK. */
  async #handOver(event: Incoming, onEvent: (event: Incoming) => Promise<void>): Promise<void> {
    try {
      await onEvent(event);
    } catch (error) {
      this.#log.error({ err: error, kind: event.kind, messageId: event.messageId }, 'wecom: handling an event failed');
    }
  }

  /** The chatid to send to: a group's chatid, or for a direct chat the person's userid. */
  #receiver(to: Outgoing['to']): string {
    const { roster } = this.#options;
    switch (to.kind) {
      case 'chat':
        return to.chatId;
      case 'group': {
        const chatId = roster.group(to.groupId)?.identities.wecom?.chatid;
        if (!chatId) throw new TransportError(`group ${to.groupId} has no wecom chatid in org.yaml`, { transient: false, problem: 'no_account' });
        return chatId;
      }
      case 'direct': {
        const userId = roster.person(to.personId)?.identities.wecom?.userid;
        if (!userId) throw new TransportError(`person ${to.personId} has no wecom userid in org.yaml`, { transient: false, problem: 'no_account' });
        return userId;
      }
    }
  }

  /** "<@userid> …" for the people with a WeCom account; the texts that mention people name them anyway. */
  #mentionLine(personIds: string[]): string {
    const { roster } = this.#options;
    return personIds.flatMap((id) => roster.person(id)?.identities.wecom?.userid ?? []).map((userId) => `<@${userId}>`).join(' ');
  }

  #withMentions(personIds: string[], text: string): string {
    const line = this.#mentionLine(personIds);
    return line ? `${line} ${text}` : text;
  }
}

/** Keeps `frame` under `key` for WeCom's answer window, dropping the frames whose window has passed unused. */
function keep(waiting: Map<string, Waiting>, key: string, frame: WsFrame, windowMs: number): void {
  const now = Date.now();
  for (const [other, entry] of waiting) if (entry.until <= now) waiting.delete(other);
  waiting.set(key, { frame, until: now + windowMs });
}

/** Where a callback happened: a group by its chatid, a direct chat by the person's userid (WeCom gives no chatid there). */
function chatOf(body: { chattype: 'single' | 'group'; chatid?: string; from: { userid: string } }): { chatId: string; chatType: ChatType } {
  return body.chattype === 'group' && body.chatid ? { chatId: body.chatid, chatType: 'group' } : { chatId: body.from.userid, chatType: 'direct' };
}

/** The words of a message: text, a voice message as WeCom transcribed it, the text parts of a mixed one; undefined for the rest. */
function messageText(body: MessageBody): string | undefined {
  switch (body.msgtype) {
    case 'text':
      return body.text?.content;
    case 'voice':
      return body.voice?.content;
    case 'mixed': {
      const parts = body.mixed?.msg_item.flatMap((item) => (item.msgtype === 'text' && item.text ? [item.text.content] : [])) ?? [];
      return parts.length > 0 ? parts.join('\n') : undefined;
    }
    default:
      return undefined;
  }
}

function pressOf(body: EventBody): z.infer<typeof pressFields> | undefined {
  if (body.event.eventtype !== 'template_card_event') return undefined;
  const parsed = pressFields.safeParse(body.event.template_card_event ?? body.event);
  return parsed.success ? parsed.data : undefined;
}

/** WeCom's create_time is in seconds; milliseconds are taken as they are. */
function timeOf(createTime: number | undefined): Date {
  if (createTime === undefined) return new Date();
  return new Date(createTime < 1e12 ? createTime * 1000 : createTime);
}

/** The text without the robot's own @-mention, wherever it is ("@信用助手 双公示…", "双公示… @信用助手"). */
function withoutMention(text: string, botName: string): string {
  return text.split(`@${botName}`).join(' ').replace(/[ \t]{2,}/g, ' ').trim();
}


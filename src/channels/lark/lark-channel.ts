import { readFile } from 'node:fs/promises';
import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from '../../logger';
import type { ChatType, Content, FileContent, Incoming, IncomingAction, IncomingArrival, IncomingMessage, Outgoing } from '../../model/message';
import type { Roster } from '../../org/roster';
import { t } from '../../prompts';
import { TransportError } from '../../core/outbound/transport-error';
import { StartupError } from '../../startup-error';
import { z } from '../../zod';
import type { Channel, ChannelCapabilities } from '../channel';
import { eventOrigin } from '../platform-event';
import { renderCard } from './card-json';
import { messageText } from './message-text';
import { PressAnswers } from './press-answers';
import { classifyHttpError, refusedError } from './send-errors';
import type { LarkEventSource } from './event-source';
import { LongConnection } from './long-connection';
import { WebhookServer, type WebhookSettings } from './webhook-server';
import { larkContacts, resolveOpenIds } from './directory';
import { KeyedQueue, personInChat } from '../../core/keyed-queue';

export interface LarkChannelOptions {
  appId: string;
  appSecret: string;
  /** Feishu (open.feishu.cn) by default; Lark international or a test server otherwise. */
  domain?: string;
  /** How events arrive: the long connection (default) or HTTP callbacks to `webhook`. */
  mode?: 'websocket' | 'webhook';
  webhook?: WebhookSettings;
  roster: Roster;
  log: Logger;
}

/** Feishu's `uuid` (send dedupe for one hour) takes at most 50 characters. */
const MAX_UUID_LENGTH = 50;

/** The part of `im.message.receive_v1` the channel reads; anything else is ignored. */
const messageEvent = z.object({
  sender: z.object({
    sender_id: z.object({ open_id: z.string().min(1) }),
    sender_type: z.string(),
  }),
  message: z.object({
    message_id: z.string().min(1),
    chat_id: z.string().min(1),
    chat_type: z.string(),
    message_type: z.string(),
    content: z.string(),
    create_time: z.string().regex(/^\d+$/),
    mentions: z
      .array(z.object({ key: z.string(), name: z.string().default(''), id: z.object({ open_id: z.string().optional() }) }))
      .default([]),
  }),
});
type MessageEvent = z.infer<typeof messageEvent>;

/**
 * The part of `card.action.trigger` the channel reads (the SDK merges the header into the event):
 * who pressed, the button's value as renderCard set it, and which message and chat the card is in.
 */
const pressEvent = z.object({
  event_id: z.string().min(1),
  create_time: z.string().regex(/^\d+$/).optional(),
  operator: z.object({ open_id: z.string().min(1) }),
  action: z.object({ value: z.object({ action: z.string() }) }),
  context: z.object({ open_message_id: z.string().min(1), open_chat_id: z.string().min(1) }),
});
type PressEvent = z.infer<typeof pressEvent>;

/**
 * `im.chat.member.bot.added_v1` (the bot added to a group) and
 * `im.chat.access_event.bot_p2p_chat_entered_v1` (someone opened the bot's direct chat) as the
 * channel reads them.
 */
const arrivalEvent = z.object({
  event_id: z.string().min(1),
  create_time: z.string().regex(/^\d+$/).optional(),
  chat_id: z.string().min(1),
  operator_id: z.object({ open_id: z.string().min(1) }),
  name: z.string().optional(),
});

/** How long a press waits for the bot's new card before answering with a toast alone (Feishu allows 3 s). */
const PRESS_ANSWER_WAIT_MS = 2000;

/** What Feishu calls the kinds of file it shows with a preview; anything else is a plain download. */
const FILE_TYPES: Record<string, string> = { xlsx: 'xls', xls: 'xls', pdf: 'pdf', doc: 'doc', docx: 'doc', ppt: 'ppt', pptx: 'ppt', mp4: 'mp4', opus: 'opus' };

/**
 * The Feishu/Lark adapter on the official SDK: events arrive over the long connection (one per
 * app), are acked at once and handled afterwards, one at a time per chat; platform ids become
 * roster ids here, so the core never sees an open_id.
 */
export class LarkChannel implements Channel {
  readonly name = 'lark';
  readonly capabilities: ChannelCapabilities = {
    cards: true,
    files: true,
    mentions: 'id',
    // Feishu caps a text message's request body at 150 KB; 10 000 characters stay under it even
    // when every one is a 3-byte CJK character escaped in JSON, and still read as one message.
    maxTextLength: 10_000,
  };

  readonly #options: LarkChannelOptions;
  readonly #client: lark.Client;
  readonly #sdkLogger;
  #source: LarkEventSource | undefined;
  #botOpenId: string | undefined;
  /** Open ids found at start for people org.yaml knows only by mobile or e-mail: person id → open_id, and back. */
  readonly #lookedUpOpenIds = new Map<string, string>();
  readonly #lookedUpPeople = new Map<string, string>();
  /** Events of one chat are handled in order, chats in parallel. */
  readonly #chats = new KeyedQueue();
  /** Whether a chat is a direct chat or a group, as learnt from its messages and the bot's sends. */
  readonly #chatTypes = new Map<string, ChatType>();
  readonly #pressAnswers = new PressAnswers(PRESS_ANSWER_WAIT_MS);
  #stopped: (() => void) | undefined;
  #markConnected!: () => void;
  /** Resolves once events can first arrive: the long connection open, or the webhook listening. */
  readonly connected = new Promise<void>((resolve) => (this.#markConnected = resolve));

  constructor(options: LarkChannelOptions) {
    this.#options = options;
    const log = options.log.child({ channel: 'lark' });
    // The SDK logs with console-style arguments; keep them as one field so pino can redact them.
    this.#sdkLogger = {
      error: (...args: unknown[]) => log.error({ sdk: args }, 'lark sdk error'),
      warn: (...args: unknown[]) => log.warn({ sdk: args }, 'lark sdk warning'),
      info: (...args: unknown[]) => log.info({ sdk: args }, 'lark sdk'),
      debug: (...args: unknown[]) => log.debug({ sdk: args }, 'lark sdk'),
      trace: (...args: unknown[]) => log.trace({ sdk: args }, 'lark sdk'),
    };
    this.#client = new lark.Client({
      appId: options.appId,
      appSecret: options.appSecret,
      domain: options.domain ?? lark.Domain.Feishu,
      logger: this.#sdkLogger,
    });
  }

  /**
   * Connects and delivers events until `stop()`. A Feishu that cannot be reached or refuses the
   * app's credentials ends it with a StartupError saying in Chinese what to check.
   */
  async start(onEvent: (event: Incoming) => Promise<void>): Promise<void> {
    this.#botOpenId = await this.#fetchBotOpenId().catch((error: unknown) => {
      throw new StartupError(t('lark.unreachable', { domain: this.#options.domain ?? lark.Domain.Feishu, detail: errorText(error) }), { cause: error });
    });
    await this.#lookUpPeople();
    const ended = new Promise<void>((resolve) => (this.#stopped = resolve));
    await this.#source?.close();
    this.#source = this.#eventSource();
    const dispatcher = new lark.EventDispatcher({ logger: this.#sdkLogger }).register({
      // Only validate and enqueue: the SDK acks when this returns, and Feishu redelivers an
      // event not acked within 3 s.
      'im.message.receive_v1': (data: unknown) => this.#accept(data, onEvent),
      // A press is answered in the callback's reply: a toast, and the card as the bot updated it.
      'card.action.trigger': (data: unknown) => this.#acceptPress(data, onEvent),
      'im.chat.member.bot.added_v1': (data: unknown) => this.#acceptArrival(data, 'group', onEvent),
      'im.chat.access_event.bot_p2p_chat_entered_v1': (data: unknown) => this.#acceptArrival(data, 'direct', onEvent),
    });
    const failed = this.#source.open(dispatcher, () => this.#markConnected()).catch((error: unknown) => {
      throw new StartupError(t('lark.connection_failed', { detail: errorText(error) }), { cause: error });
    });
    await Promise.race([ended, failed]);
  }

  /** Webhook mode: the port the server listens on (the system's choice when configured as 0). */
  get webhookPort(): number | undefined {
    return this.#source instanceof WebhookServer ? this.#source.port : undefined;
  }

  #eventSource(): LarkEventSource {
    const { appId, appSecret, domain = lark.Domain.Feishu, mode, webhook, log } = this.#options;
    if (mode !== 'webhook') return new LongConnection({ appId, appSecret, domain, sdkLogger: this.#sdkLogger, log });
    if (!webhook) throw new Error('lark webhook mode needs the webhook settings (port, path, encrypt key)');
    return new WebhookServer(webhook, log);
  }

  async stop(): Promise<void> {
    await this.#source?.close();
    this.#source = undefined;
    await this.#chats.idle();
    this.#stopped?.();
  }

  async send(out: Outgoing): Promise<{ messageId: string }> {
    if ('file' in out.content) return this.#sendFile(out, out.content.file);
    const { msgType, content } = this.#render(out.content, this.#mentionedOpenIds(out.mentions));
    return this.#create(out, msgType, content);
  }

  /**
   * A pressed card, changed: handed back in the press's own answer while it waits, else PATCHed
   * (the card was sent with `update_multi`, so everyone in the chat sees the change).
   */
  async update(messageId: string, content: Content): Promise<void> {
    if (!('card' in content)) throw new TransportError('lark can only update cards', { transient: false });
    const card = renderCard(content.card);
    if (this.#pressAnswers.offer(messageId, card)) return;
    let response: Awaited<ReturnType<lark.Client['im']['v1']['message']['patch']>>;
    try {
      response = await this.#client.im.v1.message.patch({ path: { message_id: messageId }, data: { content: JSON.stringify(card) } });
    } catch (error) {
      throw classifyHttpError(error, true);
    }
    if (response.code !== 0) throw refusedError(response.code ?? 0, response.msg);
  }

  /**
   * A file is uploaded (im/v1/files), then sent as a file message; its caption goes first as text,
   * since a Feishu file message carries none. The same idempotency key, suffixed, keeps a retried
   * caption from showing twice.
   */
  async #sendFile(out: Outgoing, file: FileContent): Promise<{ messageId: string }> {
    if (file.caption) {
      const key = out.idempotencyKey && `${out.idempotencyKey}:c`;
      await this.#create({ ...out, ...(key ? { idempotencyKey: key } : {}) }, 'text', { text: file.caption });
    }
    const bytes = 'data' in file ? file.data : await readFile(file.path);
    const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
    let uploaded: { file_key?: string } | null;
    try {
      uploaded = await this.#client.im.v1.file.create({ data: { file_type: (FILE_TYPES[extension] ?? 'stream') as 'stream', file_name: file.name, file: bytes } });
    } catch (error) {
      throw classifyHttpError(error, false);
    }
    if (!uploaded?.file_key) throw new TransportError(`lark did not accept the file ${file.name}`, { transient: false });
    return this.#create(out, 'file', { file_key: uploaded.file_key });
  }

  async #create(out: Outgoing, msgType: string, content: unknown): Promise<{ messageId: string }> {
    const receiver = this.#receiver(out.to);
    const uuid = out.idempotencyKey;
    if (uuid && uuid.length > MAX_UUID_LENGTH) {
      throw new TransportError(`lark uuid longer than ${MAX_UUID_LENGTH} characters: ${uuid}`, { transient: false });
    }
    let response: Awaited<ReturnType<lark.Client['im']['v1']['message']['create']>>;
    try {
      response = await this.#client.im.v1.message.create({
        params: { receive_id_type: receiver.type },
        data: { receive_id: receiver.id, msg_type: msgType, content: JSON.stringify(content), ...(uuid ? { uuid } : {}) },
      });
    } catch (error) {
      throw classifyHttpError(error, uuid !== undefined);
    }
    const messageId = response.data?.message_id;
    if (response.code !== 0 || !messageId) {
      throw refusedError(response.code ?? 0, response.msg);
    }
    const chatId = response.data?.chat_id;
    if (chatId) this.#chatTypes.set(chatId, receiver.type === 'open_id' || (out.to.kind === 'chat' && out.to.chatType === 'direct') ? 'direct' : 'group');
    return { messageId };
  }

  async #fetchBotOpenId(): Promise<string> {
    const info = await this.#client.request<{ code?: number; msg?: string; bot?: { open_id?: string } }>({ method: 'GET', url: '/open-apis/bot/v3/info' });
    const openId = info.bot?.open_id;
    if (info.code !== 0 || !openId) throw new Error(`lark bot info (bot/v3/info) failed: code ${info.code} ${info.msg ?? ''}`.trim());
    return openId;
  }

  /**
   * Resolves once, at start, the people org.yaml gives only a mobile or e-mail. A failure (a
   * missing scope, someone outside the app's availability) leaves those people unreachable and is
   * logged; the bot still starts with the open_ids it has.
   */
  async #lookUpPeople(): Promise<void> {
    const { roster, log } = this.#options;
    const wanted = larkContacts(roster.people).filter((c) => !c.openId && (c.mobile || c.email));
    if (wanted.length === 0) return;
    try {
      const directory = await resolveOpenIds(this.#client, wanted);
      for (const { personId, openId } of directory.resolved) {
        this.#lookedUpOpenIds.set(personId, openId);
        this.#lookedUpPeople.set(openId, personId);
      }
      if (directory.notFound.length > 0) {
        log.warn({ people: directory.notFound.map((c) => c.personId) }, 'lark: Feishu found no user for these people by mobile or e-mail (outside the app availability, or wrong); npm run lark:check explains');
      }
    } catch (error) {
      log.warn({ err: error, people: wanted.map((c) => c.personId) }, 'lark: looking people up by mobile or e-mail failed; they cannot be messaged until a restart; npm run lark:check explains');
    }
  }

  /** The roster person behind an open_id, from org.yaml or looked up at start. */
  #personOf(openId: string) {
    const { roster } = this.#options;
    const lookedUp = this.#lookedUpPeople.get(openId);
    return roster.identifyPerson('lark', openId) ?? (lookedUp ? roster.person(lookedUp) : undefined);
  }

  /** A person's open_id, from org.yaml or looked up at start. */
  #openIdOf(personId: string): string | undefined {
    return this.#options.roster.person(personId)?.identities.lark?.open_id ?? this.#lookedUpOpenIds.get(personId);
  }

  #accept(data: unknown, onEvent: (event: Incoming) => Promise<void>): void {
    const parsed = messageEvent.safeParse(data);
    if (!parsed.success) {
      this.#options.log.warn({ issues: parsed.error.issues }, 'lark: ignored a message event of unexpected shape');
      return;
    }
    const event = parsed.data;
    this.#chatTypes.set(event.message.chat_id, event.message.chat_type === 'p2p' ? 'direct' : 'group');
    this.#enqueue(personInChat(event.message.chat_id, event.sender.sender_id.open_id), () => this.#deliver(event, onEvent));
  }

  /** Answers a press within Feishu's 3 s: the updated card when the bot is quick, a toast either way. */
  async #acceptPress(data: unknown, onEvent: (event: Incoming) => Promise<void>): Promise<unknown> {
    const { log } = this.#options;
    const parsed = pressEvent.safeParse(data);
    if (!parsed.success) {
      log.warn({ issues: parsed.error.issues }, 'lark: ignored a card press of unexpected shape');
      return {};
    }
    const press = parsed.data;
    const messageId = press.context.open_message_id;
    const card = await this.#pressAnswers.awaitUpdate(messageId, () =>
      this.#enqueue(personInChat(press.context.open_chat_id, press.operator.open_id), async () => this.#handOver(await this.#toAction(press), onEvent)),
    );
    if (card === undefined) return { toast: { type: 'info', content: t('lark.press_working') } };
    return { toast: { type: 'success', content: t('lark.press_done') }, card: { type: 'raw', data: card } };
  }

  /** The bot added to a group, or its direct chat opened: the core decides whether to welcome. */
  #acceptArrival(data: unknown, chatType: ChatType, onEvent: (event: Incoming) => Promise<void>): void {
    const { log, roster } = this.#options;
    const parsed = arrivalEvent.safeParse(data);
    if (!parsed.success) {
      log.warn({ issues: parsed.error.issues }, 'lark: ignored a chat event of unexpected shape');
      return;
    }
    const arrival = parsed.data;
    this.#chatTypes.set(arrival.chat_id, chatType);
    const group = chatType === 'group' ? roster.identifyGroup('lark', arrival.chat_id) : undefined;
    const person = this.#personOf(arrival.operator_id.open_id);
    const event: IncomingArrival = {
      kind: 'arrival',
      ...eventOrigin({ channel: this.name, chatId: arrival.chat_id, chatType, group, senderId: arrival.operator_id.open_id, person, messageId: arrival.event_id, time: arrival.create_time ? new Date(Number(arrival.create_time)) : new Date() }),
      ...(arrival.name ? { chatName: arrival.name } : {}),
    };
    // The chat's welcome is once per chat: arrivals in one chat wait for each other.
    this.#enqueue(arrival.chat_id, () => this.#handOver(event, onEvent));
  }

  /** Runs `work` after everything queued before it for the same person in the same chat. */
  #enqueue(key: string, work: () => Promise<void>): void {
    this.#chats.run(key, work).catch((error: unknown) => this.#options.log.error({ err: error, key }, 'lark: handling an event failed'));
  }

  async #toAction(press: PressEvent): Promise<IncomingAction> {
    const chatId = press.context.open_chat_id;
    const chatType = await this.#chatTypeOf(chatId);
    const group = chatType === 'group' ? this.#options.roster.identifyGroup('lark', chatId) : undefined;
    const senderId = press.operator.open_id;
    const person = this.#personOf(senderId);
    return {
      kind: 'action',
      // Feishu redelivers an unanswered callback with the same event id.
      ...eventOrigin({ channel: this.name, chatId, chatType, group, senderId, person, messageId: press.event_id, time: press.create_time ? new Date(Number(press.create_time)) : new Date() }),
      cardMessageId: press.context.open_message_id,
      value: press.action.value.action,
    };
  }

  /**
   * A press names only the chat. Known chats say what they are; an org group is a group; otherwise
   * Feishu is asked. If it cannot say, the chat counts as a group, so nothing private is shown there.
   */
  async #chatTypeOf(chatId: string): Promise<ChatType> {
    const known = this.#chatTypes.get(chatId) ?? (this.#options.roster.identifyGroup('lark', chatId) ? 'group' : undefined);
    if (known) return known;
    try {
      const chat = await this.#client.im.v1.chat.get({ path: { chat_id: chatId } });
      const type: ChatType = chat.data?.chat_mode === 'p2p' ? 'direct' : 'group';
      if (chat.code === 0) this.#chatTypes.set(chatId, type);
      return type;
    } catch (error) {
      this.#options.log.warn({ err: error, chatId }, 'lark: could not tell what kind of chat a press came from');
      return 'group';
    }
  }

  async #deliver(event: MessageEvent, onEvent: (event: Incoming) => Promise<void>): Promise<void> {
    const text = messageText(event.message.message_type, event.message.content);
    if (text === undefined) {
      await this.#answerNonText(event);
      return;
    }
    const incoming = this.#toIncoming(event, text);
    if (incoming) await this.#handOver(incoming, onEvent);
  }

  /** Hands one event to the core; a failure there is logged, never thrown back into the SDK. */
  async #handOver(event: Incoming, onEvent: (event: Incoming) => Promise<void>): Promise<void> {
    try {
      await onEvent(event);
    } catch (error) {
      this.#options.log.error({ err: error, kind: event.kind, messageId: event.messageId }, 'lark: handling an event failed');
    }
  }

  /**
   * An image, file or sticker cannot be read yet: in a direct chat, or when it @-mentions the bot
   * in a group, the sender is told to write instead; other group chatter is left alone.
   */
  async #answerNonText(event: MessageEvent): Promise<void> {
    const { message, sender } = event;
    const { log } = this.#options;
    log.info({ messageId: message.message_id, type: message.message_type }, 'lark: a non-text message');
    if (sender.sender_type !== 'user') return;
    const direct = message.chat_type === 'p2p';
    const toBot = message.mentions.some((m) => m.id.open_id !== undefined && m.id.open_id === this.#botOpenId);
    if (!direct && !toBot) return;
    try {
      await this.send({ to: { kind: 'chat', chatId: message.chat_id, chatType: direct ? 'direct' : 'group' }, mentions: [], content: { text: t('lark.non_text') } });
    } catch (error) {
      log.error({ err: error, messageId: message.message_id }, 'lark: answering a non-text message failed');
    }
  }

  #toIncoming(event: MessageEvent, messageText: string): IncomingMessage | undefined {
    const { roster } = this.#options;
    const { message, sender } = event;
    // Other bots (and this one) post as apps; answering them could loop.
    if (sender.sender_type !== 'user') return undefined;
    let text = messageText;
    let mentionsBot = false;
    const mentions: string[] = [];
    for (const mention of message.mentions) {
      const openId = mention.id.open_id;
      if (openId !== undefined && openId === this.#botOpenId) {
        mentionsBot = true;
        text = text.split(mention.key).join('');
        continue;
      }
      const personId = openId ? this.#personOf(openId)?.id : undefined;
      if (personId && !mentions.includes(personId)) mentions.push(personId);
      text = text.split(mention.key).join(mention.name ? `@${mention.name}` : '');
    }
    const senderId = sender.sender_id.open_id;
    const person = this.#personOf(senderId);
    const chatType = message.chat_type === 'p2p' ? 'direct' : 'group';
    const group = chatType === 'group' ? roster.identifyGroup('lark', message.chat_id) : undefined;
    return {
      kind: 'message',
      ...eventOrigin({ channel: this.name, chatId: message.chat_id, chatType, group, senderId, person, messageId: message.message_id, time: new Date(Number(message.create_time)) }),
      text: text.replace(/[ \t]{2,}/g, ' ').trim(),
      mentionsBot,
      mentions,
    };
  }

  #receiver(to: Outgoing['to']): { type: 'chat_id' | 'open_id'; id: string } {
    const { roster } = this.#options;
    switch (to.kind) {
      case 'chat':
        return { type: 'chat_id', id: to.chatId };
      case 'group': {
        const chatId = roster.group(to.groupId)?.identities.lark?.chat_id;
        if (!chatId) throw new TransportError(`group ${to.groupId} has no lark chat_id in org.yaml`, { transient: false, problem: 'no_account' });
        return { type: 'chat_id', id: chatId };
      }
      case 'direct': {
        const openId = this.#openIdOf(to.personId);
        if (!openId) throw new TransportError(`person ${to.personId} has no lark open_id (none in org.yaml, none found by mobile or e-mail)`, { transient: false, problem: 'no_account' });
        return { type: 'open_id', id: openId };
      }
    }
  }

  /**
   * Open ids of the people to @-mention. Someone without one is left out: a typed "@名字" notifies
   * no one on Feishu, and the texts that mention people (a reminder) name them already.
   */
  #mentionedOpenIds(personIds: string[]): string[] {
    return personIds.flatMap((id) => this.#openIdOf(id) ?? []);
  }

  #render(content: Exclude<Content, { file: FileContent }>, openIds: string[]): { msgType: string; content: unknown } {
    if ('text' in content) {
      const at = openIds.map((id) => `<at user_id="${id}"></at>`).join(' ');
      return { msgType: 'text', content: { text: at ? `${at} ${content.text}` : content.text } };
    }
    const at = openIds.map((id) => `<at id=${id}></at>`).join(' ');
    return { msgType: 'interactive', content: renderCard(content.card, at) };
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from '../../logger';
import type { Content, Incoming, IncomingMessage, Outgoing } from '../../model/message';
import type { Roster } from '../../org/roster';
import { t } from '../../prompts';
import { TransportError } from '../../core/outbound/transport-error';
import { z } from '../../zod';
import type { Channel, ChannelCapabilities } from '../channel';
import { renderCard } from './card-json';
import { classifyHttpError, refusedError } from './send-errors';

export interface LarkChannelOptions {
  appId: string;
  appSecret: string;
  /** Feishu (open.feishu.cn) by default; Lark international or a test server otherwise. */
  domain?: string;
  roster: Roster;
  log: Logger;
}

/**
 * Seconds without any frame from Feishu before the socket counts as half-dead and is reconnected.
 * Feishu pings every 120 s (its ClientConfig), so this leaves room for one late pong.
 */
const PING_TIMEOUT_SECONDS = 300;

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

const textContent = z.object({ text: z.string() });

/**
 * The Feishu/Lark adapter on the official SDK: events arrive over the long connection (one per
 * app), are acked at once and handled afterwards, one at a time per chat; platform ids become
 * roster ids here, so the core never sees an open_id.
 */
export class LarkChannel implements Channel {
  readonly name = 'lark';
  readonly capabilities: ChannelCapabilities = {
    cards: true,
    files: false,
    mentions: 'id',
    // Feishu caps a text message's request body at 150 KB; 10 000 characters stay under it even
    // when every one is a 3-byte CJK character escaped in JSON, and still read as one message.
    maxTextLength: 10_000,
  };

  readonly #options: LarkChannelOptions;
  readonly #client: lark.Client;
  readonly #sdkLogger;
  #wsClient: lark.WSClient | undefined;
  #botOpenId: string | undefined;
  /** The tail of each chat's queue: events of one chat are handled in order, chats in parallel. */
  readonly #chatQueues = new Map<string, Promise<void>>();
  #stopped: (() => void) | undefined;
  #markConnected!: () => void;
  /** Resolves once the long connection is first open and listening. */
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

  async start(onEvent: (event: Incoming) => Promise<void>): Promise<void> {
    const { log } = this.#options;
    this.#botOpenId = await this.#fetchBotOpenId();
    const ended = new Promise<void>((resolve) => (this.#stopped = resolve));
    const failed = new Promise<never>((_, reject) => {
      this.#wsClient?.close({ force: true });
      this.#wsClient = new lark.WSClient({
        appId: this.#options.appId,
        appSecret: this.#options.appSecret,
        domain: this.#options.domain ?? lark.Domain.Feishu,
        logger: this.#sdkLogger,
        wsConfig: { pingTimeout: PING_TIMEOUT_SECONDS },
        onReady: () => {
          log.info('lark: long connection ready');
          this.#markConnected();
        },
        onReconnecting: () => log.warn('lark: long connection lost, reconnecting'),
        onReconnected: () => log.info('lark: long connection reconnected'),
        onError: (error) => reject(new Error(`lark long connection failed: ${error.message}`, { cause: error })),
      });
    });
    const dispatcher = new lark.EventDispatcher({ logger: this.#sdkLogger }).register({
      // Only validate and enqueue: the SDK acks when this returns, and Feishu redelivers an
      // event not acked within 3 s.
      'im.message.receive_v1': (data: unknown) => this.#accept(data, onEvent),
    });
    void this.#wsClient!.start({ eventDispatcher: dispatcher });
    await Promise.race([ended, failed]);
  }

  async stop(): Promise<void> {
    this.#wsClient?.close({ force: true });
    this.#wsClient = undefined;
    await Promise.all(this.#chatQueues.values());
    this.#stopped?.();
  }

  async send(out: Outgoing): Promise<{ messageId: string }> {
    const receiver = this.#receiver(out.to);
    const { msgType, content } = this.#render(out.content, this.#mentionedOpenIds(out.mentions));
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
    return { messageId };
  }

  async #fetchBotOpenId(): Promise<string> {
    const info = await this.#client.request<{ code?: number; msg?: string; bot?: { open_id?: string } }>({ method: 'GET', url: '/open-apis/bot/v3/info' });
    const openId = info.bot?.open_id;
    if (info.code !== 0 || !openId) throw new Error(`lark bot info (bot/v3/info) failed: code ${info.code} ${info.msg ?? ''}`.trim());
    return openId;
  }

  #accept(data: unknown, onEvent: (event: Incoming) => Promise<void>): void {
    const parsed = messageEvent.safeParse(data);
    if (!parsed.success) {
      this.#options.log.warn({ issues: parsed.error.issues }, 'lark: ignored a message event of unexpected shape');
      return;
    }
    const event = parsed.data;
    const chatId = event.message.chat_id;
    const tail = this.#chatQueues.get(chatId) ?? Promise.resolve();
    const next = tail.then(() => this.#deliver(event, onEvent));
    this.#chatQueues.set(chatId, next);
    void next.then(() => {
      if (this.#chatQueues.get(chatId) === next) this.#chatQueues.delete(chatId);
    });
  }

  async #deliver(event: MessageEvent, onEvent: (event: Incoming) => Promise<void>): Promise<void> {
    const { log } = this.#options;
    if (event.message.message_type !== 'text') {
      await this.#answerNonText(event);
      return;
    }
    const incoming = this.#toIncoming(event);
    if (!incoming) return;
    try {
      await onEvent(incoming);
    } catch (error) {
      log.error({ err: error, messageId: incoming.messageId }, 'lark: handling a message failed');
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

  #toIncoming(event: MessageEvent): IncomingMessage | undefined {
    const { roster, log } = this.#options;
    const { message, sender } = event;
    // Other bots (and this one) post as apps; answering them could loop.
    if (sender.sender_type !== 'user') return undefined;
    const content = textContent.safeParse(safeJson(message.content));
    if (!content.success) {
      log.warn({ messageId: message.message_id }, 'lark: skipped a text message without text');
      return undefined;
    }
    let text = content.data.text;
    let mentionsBot = false;
    const mentions: string[] = [];
    for (const mention of message.mentions) {
      const openId = mention.id.open_id;
      if (openId !== undefined && openId === this.#botOpenId) {
        mentionsBot = true;
        text = text.split(mention.key).join('');
        continue;
      }
      const personId = openId ? roster.identifyPerson('lark', openId)?.id : undefined;
      if (personId && !mentions.includes(personId)) mentions.push(personId);
      text = text.split(mention.key).join(mention.name ? `@${mention.name}` : '');
    }
    const senderId = sender.sender_id.open_id;
    const person = roster.identifyPerson('lark', senderId);
    const chatType = message.chat_type === 'p2p' ? 'direct' : 'group';
    const group = chatType === 'group' ? roster.identifyGroup('lark', message.chat_id) : undefined;
    return {
      kind: 'message',
      channel: this.name,
      chatId: message.chat_id,
      chatType,
      ...(group ? { groupId: group.id } : {}),
      senderId,
      ...(person ? { personId: person.id, senderName: person.name } : {}),
      messageId: message.message_id,
      time: new Date(Number(message.create_time)),
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
        if (!chatId) throw new TransportError(`group ${to.groupId} has no lark chat_id in org.yaml`, { transient: false });
        return { type: 'chat_id', id: chatId };
      }
      case 'direct': {
        const openId = roster.person(to.personId)?.identities.lark?.open_id;
        if (!openId) throw new TransportError(`person ${to.personId} has no lark open_id in org.yaml`, { transient: false });
        return { type: 'open_id', id: openId };
      }
    }
  }

  /**
   * Open ids of the people to @-mention. Someone without one is left out: a typed "@名字" notifies
   * no one on Feishu, and the texts that mention people (a reminder) name them already.
   */
  #mentionedOpenIds(personIds: string[]): string[] {
    return personIds.flatMap((id) => this.#options.roster.person(id)?.identities.lark?.open_id ?? []);
  }

  #render(content: Content, openIds: string[]): { msgType: string; content: unknown } {
    if ('text' in content) {
      const at = openIds.map((id) => `<at user_id="${id}"></at>`).join(' ');
      return { msgType: 'text', content: { text: at ? `${at} ${content.text}` : content.text } };
    }
    if ('card' in content) {
      const at = openIds.map((id) => `<at id=${id}></at>`).join(' ');
      return { msgType: 'interactive', content: renderCard(content.card, at) };
    }
    throw new TransportError('the lark channel does not send files yet', { transient: false });
  }
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}


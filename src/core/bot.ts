import { randomBytes } from 'node:crypto';
import type { OutboundChannel } from '../channels/channel';
import { conversationKey, type Conversations } from '../conversations/conversations';
import { answerStrayFormReply } from '../conversations/stray-reply';
import type { KnowledgeService } from '../knowledge/knowledge-service';
import type { Logger } from '../logger';
import type { Person } from '../org/schema';
import { ROLE_LABELS, type Roster } from '../org/roster';
import { joinWithOr, t } from '../prompts';
import { deliveryNotices } from '../reminders/delivery-notices';
import { recordPlanned } from '../reminders/outbox';
import type { Store } from '../store/store';
import type { TaskCatalog } from '../tasks/catalog';
import type { ChatContext, CommandMatch } from './chat-context';
import { answerableCard, answeredCard, chatKey, numberedButton, offeredSince, waitingCard, type Asker } from './cards';
import type { Clock } from './clock';
import type { CommandRegistry } from './command';
import { recordFirstDelivery } from './first-delivery';
import { degrade } from './degrade';
import { KeyedQueue, personInChat } from './keyed-queue';
import { OutboundSender, type OutboundOptions } from './outbound/sender';
import { textLimitOf } from './outbound/split-message';
import { TransportError } from './outbound/transport-error';
import { runCommand } from './private-reply';
import { classifySmallTalk, smallTalkReply } from './small-talk';
import { DEFAULT_STALE_MINUTES, setAsideIfStale } from './stale-window';
import { welcome } from './welcome';
import { MAX_MESSAGE_LENGTH, withoutOwnMention } from './user-text';
import type { Address, Content, Incoming, IncomingAction, IncomingMessage, Outgoing } from '../model/message';

/**
 * Every event as the message it amounts to: a press reads on as the button's value, said by the one
 * who pressed it; an arrival says nothing. "@信用助手 …" typed in a direct chat says no more than
 * the text after it.
 */
function asMessage(event: Incoming, botName: string): IncomingMessage {
  switch (event.kind) {
    case 'message':
      return { ...event, text: withoutOwnMention(event.text, botName) };
    case 'action':
      return { ...event, kind: 'message', text: event.value, mentionsBot: true, mentions: [] };
    case 'arrival':
      return { ...event, kind: 'message', text: '', mentionsBot: false, mentions: [] };
  }
}

/** Answers free text addressed to the bot that is not a command (a policy question). */
export type QuestionHandler = (ctx: ChatContext, question: string) => Promise<void>;

export interface BotParts {
  roster: Roster;
  store: Store;
  clock: Clock;
  log: Logger;
  commands: CommandRegistry;
  catalog: TaskCatalog;
  conversations: Conversations;
  knowledge: KnowledgeService;
  answerQuestion: QuestionHandler;
  exportsDir: string;
  channel: OutboundChannel;
  /** Pacing, retries and their timer for everything sent (src/core/outbound/); unset: unpaced. */
  delivery?: Omit<OutboundOptions, 'log'>;
  /** Events older than this are not acted on (src/core/stale-window.ts). */
  staleMinutes?: number;
}

/**
 * The one entry point for every incoming event, whatever the platform: dedupe, identify the
 * sender, find the card a press or a typed number answers, route (form or command → question →
 * ignore), and the one error path.
 */
export class Bot {
  readonly #parts: BotParts;
  readonly #queue = new KeyedQueue();
  readonly #outbound: OutboundSender;

  constructor(parts: BotParts) {
    this.#parts = parts;
    this.#outbound = new OutboundSender({ send: (out) => parts.channel.send(out), maxText: textLimitOf(parts.channel.capabilities) }, { ...parts.delivery, log: parts.log });
  }

  /** Handles one message or button press. Never rejects: a failure is logged and the user gets an apology. */
  handle(event: Incoming): Promise<void> {
    // One person's messages in a chat keep their order; the chat's welcome (an arrival) is once per chat.
    const key = event.kind === 'arrival' ? event.chatId : personInChat(event.chatId, event.senderId);
    return this.#queue.run(`${event.channel}|${key}`, () => this.#process(event));
  }

  /**
   * Sends a message from the bot — replies, reminders and notices all pass here — in a form the
   * channel can show, in order per chat (src/core/outbound/). A card's buttons are remembered in
   * the chat's turn, so the waiting card is the one delivered last.
   */
  async send(out: Outgoing): Promise<{ messageId: string }> {
    const { store, clock, channel } = this.#parts;
    let messageId = '';
    await this.#outbound.send({ ...out, content: degrade(out.content, channel.capabilities) }, async (results) => {
      // A long text may go out in pieces; the last one stands for the message.
      messageId = (results.at(-1) as { messageId: string }).messageId;
      await store.change((tx) => tx.cards.recordSent(channel.name, out, messageId, clock.now()));
    });
    return { messageId };
  }

  async #process(event: Incoming): Promise<void> {
    const { roster, store, log } = this.#parts;
    // The channel resolved the sender at its edge; the core knows people only by roster id.
    const person = event.personId === undefined ? undefined : roster.person(event.personId);
    const msg = asMessage(event, roster.botName);
    const ctx = this.#context(msg, person);
    try {
      if (!(await recordFirstDelivery(store, `${event.channel}|${event.messageId}`, ctx.now))) {
        log.debug({ channel: event.channel, messageId: event.messageId }, 'duplicate delivery ignored');
        return;
      }
      // A welcome is sent once whenever it comes, so a late one is still worth sending.
      if (event.kind !== 'arrival' && (await setAsideIfStale(ctx, this.#parts.staleMinutes ?? DEFAULT_STALE_MINUTES))) return;
      if (event.kind === 'action') await this.#press(ctx, event);
      else if (event.kind === 'arrival') await welcome(ctx, event);
      else await this.#route(ctx, (await this.#typedAnswer(ctx)) ?? msg.text.trim());
    } catch (error) {
      const ref = randomBytes(3).toString('hex');
      log.error(
        { err: error, ref, channel: event.channel, chatId: event.chatId, messageId: event.messageId, person: person?.id, text: msg.text.slice(0, 200) },
        'handler failed',
      );
      const admins = roster.adminNames();
      await ctx.reply(t('error.apology', { ref, admins })).catch((sendError: unknown) =>
        log.error({ err: sendError, ref }, 'apology could not be sent'),
      );
    }
  }

  /** A press of a card that still waits is its button's value; any other press is told the card expired. */
  async #press(ctx: ChatContext, action: IncomingAction): Promise<void> {
    const { channel, conversations } = this.#parts;
    const card = waitingCard(ctx.store.view.cards, channel.name, action.cardMessageId, ctx.now);
    const button = card?.card.buttons?.find((b) => b.value === action.value);
    if (!card || !button) {
      await ctx.reply(t('card.expired'));
      if (ctx.msg.chatType === 'direct') await conversations.remind(ctx);
      return;
    }
    await ctx.store.change((tx) => tx.cards.markAnswered(channel.name, action.cardMessageId, ctx.now));
    await channel.update?.(action.cardMessageId, answeredCard(card.card, button.label));
    await this.#route(ctx, button.value);
  }

  /** A number typed in answer to a card ("1", "１") stands for that button's value. */
  async #typedAnswer(ctx: ChatContext): Promise<string | undefined> {
    if (ctx.msg.chatType !== 'direct' && !ctx.msg.mentionsBot) return undefined;
    const asker = this.#asker(ctx);
    const found = answerableCard(ctx.store.view.cards, asker, ctx.now);
    const button = found && numberedButton(found.card, ctx.msg.text);
    if (!found || !button) return undefined;
    await ctx.store.change((tx) => tx.cards.markAnswered(asker.channel, found.messageId, ctx.now));
    return button.value;
  }

  /** Whose conversation a message belongs to, for finding the card it answers. */
  #asker(ctx: ChatContext): Asker {
    const { channel } = this.#parts;
    const person = ctx.person?.id ?? ctx.msg.senderId;
    const inForm = ctx.msg.chatType === 'direct' && ctx.person !== undefined && ctx.store.view.forms.open(conversationKey(ctx.msg.channel, ctx.person.id)) !== undefined;
    return { channel: channel.name, chat: chatKey(channel.name, this.#replyAddress(ctx.msg, ctx.person)), person, inForm };
  }

  async #route(ctx: ChatContext, text: string): Promise<void> {
    const { commands, conversations, answerQuestion, roster } = this.#parts;
    const { msg } = ctx;
    const addressed = msg.chatType === 'direct' || msg.mentionsBot;
    ctx = { ...ctx, args: text };

    // A pasted wall of text is refused before anything reads or quotes it.
    if (addressed && text.length > MAX_MESSAGE_LENGTH) {
      await ctx.reply(t('input.too_long', { length: text.length, max: MAX_MESSAGE_LENGTH }));
      if (msg.chatType === 'direct') await conversations.remind(ctx);
      return;
    }

    let command = commands.match(text);
    if (msg.chatType === 'direct') {
      const routed = await conversations.route(ctx, command !== undefined);
      if (routed.to === 'form') return;
      if (routed.to === 'command') {
        // Mid-form a command is answered, then the form says where it stands.
        command = commands.match(routed.text);
        if (command) await this.#runCommand(ctx, command);
        // A command that just offered buttons keeps them: the form's reminder would replace them.
        if (!offeredSince(ctx.store.view.cards, this.#asker(ctx), ctx.now)) await conversations.remind(ctx, routed.since);
        return;
      }
    }
    if (command) {
      await this.#runCommand(ctx, command);
      return;
    }
    // In a group, only messages that @-mention the bot are for it; the rest is people talking.
    if (!addressed) return;
    if (!text) {
      await ctx.reply(t('chat.greeting', { bot: roster.botName }));
      return;
    }
    // 好的/ok are acknowledgements before they are a stray 确认; a bare 118 or 否 is a stray form answer.
    const smallTalk = classifySmallTalk(text);
    if (smallTalk) {
      const mayUse = (name: string) => {
        const match = commands.match(name);
        return match !== undefined && commands.allows(match.command, ctx.person);
      };
      return ctx.reply(smallTalkReply(smallTalk, roster.botName, mayUse));
    }
    if (await answerStrayFormReply(ctx, text)) return;
    await answerQuestion(ctx, text);
  }

  async #runCommand(ctx: ChatContext, { command, args }: CommandMatch): Promise<void> {
    const { roster, commands } = this.#parts;
    const { person } = ctx;
    const refusal = commands.refusal(command, args, person);
    if (refusal) {
      const reason = person
        ? t('command.forbidden', {
            command: refusal.what,
            roles: joinWithOr(refusal.roles.map((r) => ROLE_LABELS[r])),
            yourRoles: person.roles.map((r) => ROLE_LABELS[r]).join('、'),
          })
        : t('roster.unknown', { command: refusal.what, admins: roster.adminNames() });
      await ctx.reply(person && refusal.hint ? `${reason}${refusal.hint}` : reason);
      return;
    }
    await runCommand(command, { ...ctx, args });
  }

  #context(msg: IncomingMessage, person: Person | undefined): ChatContext {
    const { roster, store, clock, log, commands, catalog, conversations, knowledge, exportsDir, answerQuestion } = this.#parts;
    const replyTo = this.#replyAddress(msg, person);
    // In a group the reply names its addressee, as a person would.
    const mentions = msg.chatType === 'group' && person ? [person.id] : [];
    // What goes back to where they wrote, or to their direct chat, continues their conversation.
    const chats = [replyTo, ...(person ? [{ kind: 'direct', personId: person.id } as const] : [])].map((a) => chatKey(this.#parts.channel.name, a));
    const conversationWith = person?.id ?? msg.senderId;
    const send = (out: Outgoing) =>
      this.send(chats.includes(chatKey(this.#parts.channel.name, out.to)) ? { ...out, conversationWith } : out).then(
        () => undefined,
        async (error: unknown) => {
          await this.#reportUndelivered(out, error);
          throw error;
        },
      );
    const ctx: ChatContext = {
      msg,
      person,
      args: msg.text,
      now: clock.now(),
      roster,
      store,
      log,
      commands,
      catalog,
      conversations,
      knowledge,
      exportsDir,
      reply: (content: Content | string) => send({ to: replyTo, mentions, content: typeof content === 'string' ? { text: content } : content }),
      send,
      answerQuestion: (question: string) => answerQuestion(ctx, question),
    };
    return ctx;
  }

  /**
   * A reply or notice the platform refused for good (the bot was removed from the group, the
   * person blocked it): the admins are told, once, through the outbox, as for a reminder. The
   * handler still fails, so its error path logs it.
   */
  async #reportUndelivered(out: Outgoing, error: unknown): Promise<void> {
    if (!(error instanceof TransportError) || error.transient) return;
    // A message from the outbox (it carries its entry's id) is reported by the outbox, which also
    // knows a failed notice from a failed reminder.
    if (out.idempotencyKey !== undefined) return;
    const { store, roster, clock } = this.#parts;
    const now = clock.now();
    await recordPlanned(store, deliveryNotices(out, error.problem, error.code, now, roster), now);
  }

  /** Replies go to the org's group or the person's direct chat when known, else the raw chat. */
  #replyAddress(msg: IncomingMessage, person: Person | undefined): Address {
    if (msg.chatType === 'direct' && person) return { kind: 'direct', personId: person.id };
    const group = msg.chatType === 'group' && msg.groupId !== undefined ? this.#parts.roster.group(msg.groupId) : undefined;
    if (group) return { kind: 'group', groupId: group.id };
    return { kind: 'chat', chatId: msg.chatId, chatType: msg.chatType };
  }
}

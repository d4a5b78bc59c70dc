import { randomBytes } from 'node:crypto';
import type { Conversations } from '../conversations/conversations';
import { answerStrayFormReply } from '../conversations/stray-reply';
import type { KnowledgeService } from '../knowledge/knowledge-service';
import type { Logger } from '../logger';
import type { Person } from '../org/schema';
import { ROLE_LABELS, type Roster } from '../org/roster';
import { t } from '../prompts';
import type { Store } from '../store/store';
import type { TaskCatalog } from '../tasks/catalog';
import type { ChatContext } from './chat-context';
import { chatKey, pressedButton, rememberButtons } from './choices';
import type { Clock } from './clock';
import type { CommandMatch, CommandRegistry } from './command';
import { recordFirstDelivery } from './dedupe';
import { KeyedQueue } from './keyed-queue';
import { runCommand } from './private-reply';
import { classifySmallTalk, smallTalkReply } from './small-talk';
import { MAX_MESSAGE_LENGTH } from './user-text';
import type { Address, Content, Incoming, Outgoing } from './message';

/** Whatever delivers the bot's messages: a channel adapter. */
export interface Transport {
  readonly name: string;
  send(out: Outgoing): Promise<void>;
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
  transport: Transport;
}

/**
 * The one entry point for every incoming message, whatever the platform: dedupe, identify the
 * sender, route (form or command → question → ignore), and the one error path.
 */
export class Bot {
  readonly #parts: BotParts;
  readonly #queue = new KeyedQueue();

  constructor(parts: BotParts) {
    this.#parts = parts;
  }

  /** Handles one message. Never rejects: a failure is logged and the user gets an apology. */
  handle(msg: Incoming): Promise<void> {
    return this.#queue.run(`${msg.channel}|${msg.chatId}`, () => this.#process(msg));
  }

  /** Sends a message from the bot (replies, reminders, notices all pass here). */
  async send(out: Outgoing): Promise<void> {
    const { store, clock, transport } = this.#parts;
    const buttons = 'card' in out.content ? out.content.card.buttons : undefined;
    await transport.send(out);
    await rememberButtons(store, chatKey(transport.name, out.to), buttons, clock.now());
  }

  async #process(msg: Incoming): Promise<void> {
    const { roster, store, log } = this.#parts;
    // The channel resolved the sender at its edge; the core knows people only by roster id.
    const person = msg.personId === undefined ? undefined : roster.person(msg.personId);
    const ctx = this.#context(msg, person);
    try {
      if (!(await recordFirstDelivery(store, `${msg.channel}|${msg.messageId}`, ctx.now))) {
        log.debug({ channel: msg.channel, messageId: msg.messageId }, 'duplicate delivery ignored');
        return;
      }
      await this.#route(ctx);
    } catch (error) {
      const ref = randomBytes(3).toString('hex');
      log.error(
        { err: error, ref, channel: msg.channel, chatId: msg.chatId, messageId: msg.messageId, person: person?.id, text: msg.text.slice(0, 200) },
        'handler failed',
      );
      const admins = roster.adminNames();
      await ctx.reply(t('error.apology', { ref, admins })).catch((sendError: unknown) =>
        log.error({ err: sendError, ref }, 'apology could not be sent'),
      );
    }
  }

  async #route(ctx: ChatContext): Promise<void> {
    const { commands, conversations, answerQuestion, roster, transport } = this.#parts;
    const { msg, person } = ctx;
    const addressed = msg.chatType === 'direct' || msg.mentionsBot;
    let text = msg.text.trim();
    if (addressed) text = pressedButton(ctx.store, chatKey(transport.name, this.#replyAddress(msg, person)), text) ?? text;
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
        const offered = (ctx.store.data.choices[chatKey(transport.name, this.#replyAddress(msg, person))]?.sentAt ?? '') >= ctx.now.toISOString();
        if (!offered) await conversations.remind(ctx, routed.since);
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
    if (smallTalk) return ctx.reply(smallTalkReply(smallTalk, roster.botName));
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
      await ctx.reply(person && refusal.hint ? `${reason}\n${refusal.hint}` : reason);
      return;
    }
    await runCommand(command, { ...ctx, args });
  }

  #context(msg: Incoming, person: Person | undefined): ChatContext {
    const { roster, store, clock, log, commands, catalog, conversations, knowledge, exportsDir, answerQuestion } = this.#parts;
    const replyTo = this.#replyAddress(msg, person);
    // In a group the reply names its addressee, as a person would.
    const mentions = msg.chatType === 'group' && person ? [person.id] : [];
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
      reply: (content: Content | string) =>
        this.send({ to: replyTo, mentions, content: typeof content === 'string' ? { text: content } : content }),
      send: (out: Outgoing) => this.send(out),
      answerQuestion: (question: string) => answerQuestion(ctx, question),
    };
    return ctx;
  }

  /** Replies go to the org's group or the person's direct chat when known, else the raw chat. */
  #replyAddress(msg: Incoming, person: Person | undefined): Address {
    if (msg.chatType === 'direct' && person) return { kind: 'direct', personId: person.id };
    const group = msg.chatType === 'group' && msg.groupId !== undefined ? this.#parts.roster.group(msg.groupId) : undefined;
    if (group) return { kind: 'group', groupId: group.id };
    return { kind: 'chat', chatId: msg.chatId, chatType: msg.chatType };
  }
}

/** 专人、科室负责人或管理员 */
function joinWithOr(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join('、')}或${items.at(-1)}`;
}

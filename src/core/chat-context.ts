import type { KnowledgeService } from '../knowledge/knowledge-service';
import type { Logger } from '../logger';
import type { Person, Role } from '../org/schema';
import type { Roster } from '../org/roster';
import type { ConversationState, ParkedForm } from '../store/schema';
import type { Store } from '../store/store';
import type { TaskCatalog } from '../tasks/catalog';
import type { Content, IncomingMessage, Outgoing } from '../model/message';

/** What every handler (command, conversation, question answerer) gets for one incoming message. */
export interface ChatContext {
  msg: IncomingMessage;
  /** The sender in the roster, or undefined for someone the department has not listed. */
  person: Person | undefined;
  /** The handler's part of the text: for a command, what follows its name. */
  args: string;
  now: Date;
  roster: Roster;
  store: Store;
  log: Logger;
  /** The chat commands, for help and for commands that start others. */
  commands: CommandCatalog;
  catalog: TaskCatalog;
  conversations: ConversationDesk;
  knowledge: KnowledgeService;
  /** Where exported workbooks are written. */
  exportsDir: string;
  /** Answers a policy question in this chat (forms use it for questions asked mid-form). */
  answerQuestion(question: string): Promise<void>;
  /** Answers in the chat the message came from; in a group it @-mentions the sender. */
  reply(content: Content | string): Promise<void>;
  send(out: Outgoing): Promise<void>;
}

/**
 * The chat commands as a handler sees them (the registry in command.ts): for help, and to tell a
 * command from chatter. Declared here,
 * with what a command is, because a command runs with a context that lists the commands.
 */
export interface CommandCatalog {
  readonly commands: readonly Command[];
  /** The command a text names by its first word, and the rest as its arguments. */
  match(text: string): CommandMatch | undefined;
  /** Whether `person` may run the command at all. */
  allows(command: Command, person: Person | undefined): boolean;
}

/**
 * The guided conversations as a handler uses them (src/conversations/conversations.ts). Declared
 * here, since the conversations in turn hand their flows a context.
 */
export interface ConversationDesk {
  /** Starts a flow for the sender; with another form open, asks first whether to set it aside. */
  start(ctx: MemberContext, flowId: string, init?: Record<string, unknown>): Promise<void>;
  /** Shows where the sender's open form stands, after `note`; false when none is open. */
  showOpen(ctx: MemberContext, note: (form: string) => string): Promise<boolean>;
  /** The sender's set-aside and lapsed forms, newest first. */
  parked(ctx: MemberContext): ParkedForm[];
  /** Reopens a set-aside or lapsed form where it stood (asking first if another one is open). */
  resume(ctx: MemberContext, parkedId: string): Promise<void>;
  /** A form in a few words, for lists and notices. */
  describe(state: Pick<ConversationState, 'flow' | 'step' | 'data'>, roster: Roster): string;
}

/** The context of a roster member: what members' commands, forms and flows get. */
export interface MemberContext extends ChatContext {
  person: Person;
}

/** The sender's member context, or undefined for someone the roster does not list. */
export function asMember(ctx: ChatContext): MemberContext | undefined {
  const { person } = ctx;
  return person ? { ...ctx, person } : undefined;
}

interface CommandInfo {
  /** The Chinese name people type, e.g. 帮助. */
  name: string;
  /** Other names, e.g. the English `help`; matched case-insensitively. */
  aliases: string[];
  /** How to call it, e.g. `填报 [任务]`; defaults to the name. */
  usage?: string;
  /** One line for the help text. */
  summary: string;
  /**
   * Forms of the command for fewer people than the command itself, told apart by their
   * arguments: `排名` is for everyone, `排名 发布` for admins. The registry refuses them.
   */
  restricted?: RestrictedForm[];
  /**
   * Its replies may carry personal data (phones, points, return reasons, a section's details):
   * asked in a group, it answers in the sender's direct chat (see private-reply.ts).
   */
  private?: boolean;
}

/** Open to people not in the roster too (help, policy questions): the sender may be unknown. */
export interface PublicCommand extends CommandInfo {
  public: true;
  run(ctx: ChatContext): Promise<void>;
}

/** For roster members, optionally only some roles: the registry checks, so `run` knows who asks. */
export interface MemberCommand extends CommandInfo {
  public?: false;
  /** Who may run it; omitted means everyone in the roster. */
  roles?: Role[];
  run(ctx: MemberContext): Promise<void>;
}

export type Command = PublicCommand | MemberCommand;

export interface RestrictedForm {
  /** The form as people type it, for the refusal: `排名 预览/发布`. */
  usage: string;
  /** Whether the arguments (what follows the command's name) are this form. */
  matches(args: string): boolean;
  roles: Role[];
  /** What the command offers those refused this form (a head is told how to return a points item). */
  hint?: () => string;
}

export interface CommandMatch {
  command: Command;
  args: string;
}

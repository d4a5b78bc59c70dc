import type { Conversations } from '../conversations/conversations';
import type { KnowledgeService } from '../knowledge/knowledge-service';
import type { Logger } from '../logger';
import type { Person } from '../org/schema';
import type { Roster } from '../org/roster';
import type { Store } from '../store/store';
import type { TaskCatalog } from '../tasks/catalog';
import type { CommandRegistry } from './command';
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
  commands: CommandRegistry;
  catalog: TaskCatalog;
  conversations: Conversations;
  knowledge: KnowledgeService;
  /** Where exported workbooks are written. */
  exportsDir: string;
  /** Answers a policy question in this chat (forms use it for questions asked mid-form). */
  answerQuestion(question: string): Promise<void>;
  /** Answers in the chat the message came from; in a group it @-mentions the sender. */
  reply(content: Content | string): Promise<void>;
  send(out: Outgoing): Promise<void>;
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

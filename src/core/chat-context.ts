import type { Logger } from '../logger';
import type { Person } from '../org/schema';
import type { Roster } from '../org/roster';
import type { Store } from '../store/store';
import type { CommandRegistry } from './command';
import type { Content, Incoming, Outgoing } from './message';

/** What every handler (command, conversation, question answerer) gets for one incoming message. */
export interface ChatContext {
  msg: Incoming;
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
  /** Answers in the chat the message came from; in a group it @-mentions the sender. */
  reply(content: Content | string): Promise<void>;
  send(out: Outgoing): Promise<void>;
}

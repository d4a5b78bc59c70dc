import type { Role, Person } from '../org/schema';
import { StartupError } from '../startup-error';
import type { ChatContext } from './chat-context';

export interface Command {
  /** The Chinese name people type, e.g. 帮助. */
  name: string;
  /** Other names, e.g. the English `help`; matched case-insensitively. */
  aliases: string[];
  /** How to call it, e.g. `填报 [任务]`; defaults to the name. */
  usage?: string;
  /** One line for the help text. */
  summary: string;
  /** Who may run it; omitted means everyone in the roster. */
  roles?: Role[];
  /** Also open to people not in the roster (help, policy questions). */
  public?: boolean;
  /**
   * Its replies may carry personal data (phones, points, return reasons, a section's details):
   * asked in a group, it answers in the sender's direct chat (see private-reply.ts).
   */
  private?: boolean;
  run(ctx: ChatContext): Promise<void>;
}

export interface CommandMatch {
  command: Command;
  args: string;
}

/** The static list of chat commands, indexed by every name. */
export class CommandRegistry {
  readonly commands: readonly Command[];
  readonly #byName = new Map<string, Command>();

  constructor(commands: Command[]) {
    this.commands = commands;
    for (const command of commands) {
      for (const name of [command.name, ...command.aliases]) {
        const key = name.toLowerCase();
        const taken = this.#byName.get(key);
        if (taken) {
          throw new StartupError(`命令名“${name}”重复：命令「${taken.name}」和「${command.name}」都使用了它`);
        }
        this.#byName.set(key, command);
      }
    }
  }

  /** `帮助`, `/help`, `HELP all` … — the first word names the command, the rest is its args. */
  match(text: string): CommandMatch | undefined {
    const [, head = '', rest = ''] = /^\/?(\S+)[\s\u3000]*([\s\S]*)$/.exec(text.trim()) ?? [];
    const command = this.#byName.get(head.toLowerCase());
    return command ? { command, args: rest.trim() } : undefined;
  }

  allows(command: Command, person: Person | undefined): boolean {
    if (!person) return command.public === true;
    return !command.roles || command.roles.some((role) => person.roles.includes(role));
  }
}

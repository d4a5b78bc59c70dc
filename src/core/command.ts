import type { Person, Role } from '../org/schema';
import { StartupError } from '../startup-error';
import type { ChatContext, Command, CommandCatalog, CommandMatch } from './chat-context';

/** Why a command was refused: what was asked for, who may ask (none listed: roster members), and what to do instead. */
export interface Refusal {
  what: string;
  roles: readonly Role[];
  hint?: string;
}

/** A restricted form chosen by its first word: `排名 发布 11月` is the form of 发布/publish. */
export function firstWordIs(...words: string[]): (args: string) => boolean {
  const lower = words.map((w) => w.toLowerCase());
  return (args) => lower.includes((args.trim().split(/\s+/)[0] ?? '').toLowerCase());
}

/** The static list of chat commands, indexed by every name; it decides who may run what. */
export class CommandRegistry implements CommandCatalog {
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

  /** Whether `person` may run the command at all (help lists these). */
  allows(command: Command, person: Person | undefined): boolean {
    if (command.public) return true;
    return person !== undefined && (!command.roles || command.roles.some((role) => person.roles.includes(role)));
  }

  /** Why `person` may not run the command with these arguments; undefined when they may. */
  refusal(command: Command, args: string, person: Person | undefined): Refusal | undefined {
    if (!this.allows(command, person)) return { what: command.name, roles: command.public ? [] : (command.roles ?? []) };
    const form = command.restricted?.find((f) => f.matches(args));
    if (form && !form.roles.some((role) => person?.roles.includes(role))) return { what: form.usage, roles: form.roles, ...(form.hint && { hint: form.hint() }) };
    return undefined;
  }
}

/**
 * Runs a command the registry allowed. Members' commands get a context whose person is known;
 * this is the one place that narrows it.
 */
export function invoke(command: Command, ctx: ChatContext): Promise<void> {
  if (command.public) return command.run(ctx);
  const { person } = ctx;
  if (!person) throw new Error(`command ${command.name} is for roster members; the registry refuses anyone else`);
  return command.run({ ...ctx, person });
}

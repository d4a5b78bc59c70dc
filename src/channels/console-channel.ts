import { createInterface, type Interface } from 'node:readline';
import type { Clock } from '../core/clock';
import type { Address, Incoming, IncomingMessage, Outgoing } from '../model/message';
import { renderText } from '../core/render-text';
import type { Person } from '../org/schema';
import type { Roster } from '../org/roster';
import { t } from '../prompts';
import { addressLabel } from './address-label';
import type { Channel, ChannelCapabilities } from './channel';
import { typedIncoming } from './typed-incoming';

export interface ConsoleOptions {
  roster: Roster;
  clock: Clock;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** A person at a terminal (prompts, line editing) rather than a pipe (a plain transcript). */
  interactive: boolean;
  /** Extra lines for the banner, e.g. where the log file is. */
  notes?: string[];
}

type Where = { kind: 'group'; groupId: string } | { kind: 'direct' };

/** Whom the user plays: a roster member, or someone outside the roster known only by a name. */
type Me = { id: string; name: string; person?: Person };

/**
 * The embedded default channel: a terminal chat in which the user plays any roster member (or an
 * outsider), in the department's group or in a direct chat with the bot. Like a person whose
 * chat app opens the bot's direct message, it follows the bot into the direct chat when the bot
 * answers a group message there (填报, 我是谁 …), so the next answer goes where the bot expects it.
 */
export class ConsoleChannel implements Channel {
  readonly name = 'console';
  /** A terminal shows text: cards arrive with numbered replies, files as where they were saved. */
  readonly capabilities: ChannelCapabilities = { cards: false, files: false, mentions: 'name' };
  readonly #o: ConsoleOptions;
  #me: Me;
  #where: Where;
  #rl: Interface | undefined;
  #busy = false;
  /** Set while the bot handles a line the user typed in a group. */
  #handlingGroupLine = false;
  #seq = 0;
  #sent = 0;

  constructor(options: ConsoleOptions) {
    this.#o = options;
    const { roster } = options;
    // Start as the most common user: a section's reporter who is not also an admin.
    const person = roster.people.find((p) => p.roles.includes('reporter') && !p.roles.includes('admin')) ?? roster.people[0]!;
    this.#me = { id: person.id, name: person.name, person };
    this.#where = { kind: 'group', groupId: roster.mainGroup.id };
  }

  /** Reads the terminal until its input ends, /quit, or `stop()`. */
  async start(onEvent: (event: Incoming) => Promise<void>): Promise<void> {
    const { input, output, interactive, roster } = this.#o;
    this.#print([
      t('console.banner', { bot: roster.botName, department: roster.department.name }),
      t('console.help', { bot: roster.botName }),
      ...(this.#o.notes ?? []),
      t('console.start', { who: this.#describeMe(), where: this.#whereLabel() }),
    ].join('\n'));
    const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive });
    this.#rl = rl;
    rl.on('SIGINT', () => rl.close());
    this.#prompt();
    for await (const line of rl) {
      this.#busy = true;
      const text = line.trim();
      if (text && !this.#consoleCommand(text)) {
        if (!interactive) this.#print(`${this.#me.name}（${this.#whereLabel()}）：${text}`);
        this.#handlingGroupLine = this.#where.kind === 'group';
        try {
          await onEvent(this.#incoming(text));
        } finally {
          this.#handlingGroupLine = false;
        }
      }
      if (/^\/(quit|exit|退出)$/.test(text)) break;
      this.#busy = false;
      this.#prompt();
    }
    rl.close();
  }

  async stop(): Promise<void> {
    this.#rl?.close();
  }

  async send(out: Outgoing): Promise<{ messageId: string }> {
    const { roster } = this.#o;
    if (this.#handlingGroupLine && this.#where.kind === 'group' && this.#isMyDirectChat(out.to)) {
      this.#where = { kind: 'direct' };
      this.#print(t('console.followed', { bot: roster.botName }));
    }
    const mentions = out.mentions.map((id) => `@${roster.person(id)?.name ?? id}`).join(' ');
    const head = `${roster.botName} → ${addressLabel(out.to, roster)}${mentions ? ` ${mentions}` : ''}`;
    const body = renderText(out.content).split('\n').map((l) => `  ${l}`).join('\n');
    this.#print(`${head}\n${body}`);
    // A message that arrives on its own (a reminder) must not leave the prompt buried.
    if (!this.#busy) this.#prompt();
    return { messageId: `console-out-${++this.#sent}` };
  }

  #isMyDirectChat(to: Address): boolean {
    return (to.kind === 'direct' && to.personId === this.#me.id) || (to.kind === 'chat' && to.chatType === 'direct' && to.chatId === `dm:${this.#me.id}`);
  }

  #incoming(typed: string): IncomingMessage {
    const { roster, clock } = this.#o;
    return typedIncoming(
      {
        channel: this.name,
        // The console's platform ids are roster ids: the edge resolves them directly.
        senderId: this.#me.id,
        personId: this.#me.person?.id,
        senderName: this.#me.name,
        chat: this.#where,
        text: typed,
        messageId: `console-${process.pid}-${Date.now()}-${++this.#seq}`,
        time: clock.now(),
      },
      roster,
    );
  }

  /** Handles /as, /dm, /group, /who, /quit; false if the line is a chat message. */
  #consoleCommand(text: string): boolean {
    const { roster } = this.#o;
    const [, cmd = '', arg = ''] = /^\/(\S+)\s*(.*)$/.exec(text) ?? [];
    switch (cmd) {
      case 'as':
      case '我是': {
        const name = arg.trim();
        if (!name) {
          this.#print(t('console.now', { who: this.#describeMe(), where: this.#whereLabel() }));
          return true;
        }
        const found = roster.findPeople(name);
        if (found.length === 1) {
          this.#me = { id: found[0]!.id, name: found[0]!.name, person: found[0]! };
          this.#print(t('console.now', { who: this.#describeMe(), where: this.#whereLabel() }));
        } else if (found.length > 1) {
          this.#print(t('console.ambiguous', { count: found.length, name, choices: found.map((p) => `${p.id}（${roster.describe(p)}）`).join('，') }));
        } else {
          // Someone outside the roster keeps the name as their platform id, as in simulate.
          this.#me = { id: name, name };
          this.#print(t('console.outsider_now', { name, where: this.#whereLabel() }));
        }
        return true;
      }
      case 'dm':
      case '私聊':
        this.#where = { kind: 'direct' };
        this.#print(t('console.to_direct', { bot: roster.botName }));
        return true;
      case 'group':
      case '群聊': {
        const group = arg ? roster.group(arg.trim()) ?? roster.groups.find((g) => g.name === arg.trim()) : roster.mainGroup;
        if (!group) {
          this.#print(t('console.no_group', { name: arg, choices: roster.groups.map((g) => `${g.id}（${g.name}）`).join('，') }));
          return true;
        }
        this.#where = { kind: 'group', groupId: group.id };
        this.#print(t('console.to_group', { group: group.name, bot: roster.botName }));
        return true;
      }
      case 'who':
      case '名册':
        this.#print(roster.people.map((p) => `  ${p.id.padEnd(16)} ${roster.describe(p)}`).join('\n'));
        return true;
      case 'quit':
      case 'exit':
      case '退出':
        return true;
      case '?':
        // Not "/help": that is the bot's own help command.
        this.#print(t('console.help', { bot: roster.botName }));
        return true;
      default:
        return false;
    }
  }

  #whereLabel(): string {
    const { roster } = this.#o;
    return this.#where.kind === 'group' ? t('console.in_group', { group: roster.group(this.#where.groupId)!.name }) : t('console.in_direct', { bot: roster.botName });
  }

  #describeMe(): string {
    return this.#me.person ? this.#o.roster.describe(this.#me.person) : t('console.outsider', { name: this.#me.name });
  }

  #prompt(): void {
    if (!this.#o.interactive || !this.#rl) return;
    this.#rl.setPrompt(`${this.#me.name}@${this.#where.kind === 'group' ? t('console.prompt_group') : t('console.prompt_direct')}> `);
    this.#rl.prompt(true);
  }

  #print(text: string): void {
    if (this.#o.interactive && this.#rl) {
      // Clear the half-typed prompt line, print, and let #prompt redraw it.
      this.#o.output.write('\r\x1b[K');
    }
    this.#o.output.write(`${text}\n`);
  }
}

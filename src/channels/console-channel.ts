import { createInterface, type Interface } from 'node:readline';
import type { Clock } from '../core/clock';
import type { Incoming, Outgoing } from '../core/message';
import { renderText } from '../core/render-text';
import type { Person } from '../org/schema';
import type { Roster } from '../org/roster';
import { addressLabel } from './address-label';
import type { Channel } from './channel';
import { parseTypedMentions } from './typed-mentions';

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

const CONSOLE_HELP = [
  '终端命令（其余输入都作为聊天消息发给机器人）：',
  '  /as 姓名或编号   切换身份，扮演名册中的任何人（/我是）',
  '  /group [群编号]  回到群聊（/群聊）；在群里要 @信用助手 才会回答问题',
  '  /dm             与机器人私聊（/私聊）',
  '  /who            查看名册（/名册）',
  '  /quit           退出（/退出，或 Ctrl-D）；/? 再次显示本说明',
];

/**
 * The embedded default channel: a terminal chat in which the user plays any roster member, in
 * the department's group or in a direct chat with the bot.
 */
export class ConsoleChannel implements Channel {
  readonly name = 'console';
  readonly #o: ConsoleOptions;
  #me: Person;
  #where: Where;
  #rl: Interface | undefined;
  #busy = false;
  #seq = 0;

  constructor(options: ConsoleOptions) {
    this.#o = options;
    const { roster } = options;
    // Start as the most common user: a section's reporter who is not also an admin.
    this.#me =
      roster.people.find((p) => p.roles.includes('reporter') && !p.roles.includes('admin')) ?? roster.people[0]!;
    this.#where = { kind: 'group', groupId: roster.mainGroup.id };
  }

  async run(handle: (msg: Incoming) => Promise<void>): Promise<void> {
    const { input, output, interactive, roster } = this.#o;
    this.#print([
      `${roster.botName}（${roster.department.name}）· 终端聊天`,
      ...CONSOLE_HELP,
      ...(this.#o.notes ?? []),
      `您现在是 ${roster.describe(this.#me)}，在${this.#whereLabel()}。试试发送「帮助」。`,
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
        await handle(this.#incoming(text));
      }
      if (/^\/(quit|exit|退出)$/.test(text)) break;
      this.#busy = false;
      this.#prompt();
    }
    rl.close();
  }

  async send(out: Outgoing): Promise<void> {
    const { roster } = this.#o;
    const mentions = out.mentions.map((id) => `@${roster.person(id)?.name ?? id}`).join(' ');
    const head = `${roster.botName} → ${addressLabel(out.to, roster)}${mentions ? ` ${mentions}` : ''}`;
    const body = renderText(out.content).split('\n').map((l) => `  ${l}`).join('\n');
    this.#print(`${head}\n${body}`);
    // A message that arrives on its own (a reminder) must not leave the prompt buried.
    if (!this.#busy) this.#prompt();
  }

  #incoming(typed: string): Incoming {
    const { roster, clock } = this.#o;
    const isGroup = this.#where.kind === 'group';
    const parsed = isGroup ? parseTypedMentions(typed, roster) : { text: typed, mentionsBot: false, mentions: [] };
    return {
      channel: this.name,
      chatId: this.#where.kind === 'group' ? this.#where.groupId : `dm:${this.#me.id}`,
      chatType: isGroup ? 'group' : 'direct',
      senderId: this.#me.id,
      senderName: this.#me.name,
      text: parsed.text,
      mentionsBot: parsed.mentionsBot,
      mentions: parsed.mentions,
      messageId: `console-${process.pid}-${Date.now()}-${++this.#seq}`,
      time: clock.now(),
    };
  }

  /** Handles /as, /dm, /group, /who, /quit; false if the line is a chat message. */
  #consoleCommand(text: string): boolean {
    const { roster } = this.#o;
    const [, cmd = '', arg = ''] = /^\/(\S+)\s*(.*)$/.exec(text) ?? [];
    switch (cmd) {
      case 'as':
      case '我是': {
        const found = roster.findPeople(arg.trim());
        if (found.length === 1) {
          this.#me = found[0]!;
          this.#print(`（您现在是 ${roster.describe(this.#me)}，在${this.#whereLabel()}）`);
        } else if (found.length > 1) {
          this.#print(`（有 ${found.length} 位“${arg}”，请用编号：${found.map((p) => `${p.id}（${roster.describe(p)}）`).join('，')}）`);
        } else {
          this.#print(`（名册中没有“${arg}”。发送 /who 查看名册，例如 /as 王芳）`);
        }
        return true;
      }
      case 'dm':
      case '私聊':
        this.#where = { kind: 'direct' };
        this.#print(`（现在与${roster.botName}私聊）`);
        return true;
      case 'group':
      case '群聊': {
        const group = arg ? roster.group(arg.trim()) ?? roster.groups.find((g) => g.name === arg.trim()) : roster.mainGroup;
        if (!group) {
          this.#print(`（没有群“${arg}”，可选：${roster.groups.map((g) => `${g.id}（${g.name}）`).join('，')}）`);
          return true;
        }
        this.#where = { kind: 'group', groupId: group.id };
        this.#print(`（现在在群聊「${group.name}」，@${roster.botName} 提问）`);
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
        this.#print(CONSOLE_HELP.join('\n'));
        return true;
      default:
        return false;
    }
  }

  #whereLabel(): string {
    const { roster } = this.#o;
    return this.#where.kind === 'group' ? `群聊「${roster.group(this.#where.groupId)!.name}」` : `与${roster.botName}的私聊`;
  }

  #prompt(): void {
    if (!this.#o.interactive || !this.#rl) return;
    this.#rl.setPrompt(`${this.#me.name}@${this.#where.kind === 'group' ? '群聊' : '私聊'}> `);
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

import { createHash } from 'node:crypto';
import type { Clock } from '../core/clock';
import type { Address, Card, Content, Outgoing } from '../model/message';
import { renderText } from '../core/render-text';
import type { Roster } from '../org/roster';
import { formatLocalIso } from '../time';
import type { ChannelCapabilities } from './channel';
import { DrivenChannel } from './driven-channel';

/** One line of simulate's output: a message the bot sent, or (with `update`) a change to one. */
export interface SimulatedOutput {
  at: string;
  chat: string;
  mentions: string[];
  /** The message as a text-only chat shows it. */
  text: string;
  card?: Card;
  /** The file delivered: its name, and where it was on disk. */
  file?: { name: string; path?: string };
  /** The id a press of its buttons names. */
  messageId?: string;
  /** Set on a line that replaces an earlier message: that message's id. */
  update?: string;
}

/**
 * The channel behind `npm run simulate`: the script runner delivers what people say and press,
 * and every message the bot sends becomes one JSON line stamped with the virtual time. It shows
 * cards and files as a platform would (the `card` and `file` fields) next to their text.
 */
export class SimulateChannel extends DrivenChannel {
  readonly name = 'simulate';
  readonly capabilities: ChannelCapabilities = { cards: true, files: true, mentions: 'id' };
  readonly #roster: Roster;
  readonly #clock: Clock;
  readonly #write: (line: SimulatedOutput) => void;
  readonly #chatOf = new Map<string, string>();
  readonly #ids = new Set<string>();

  constructor(roster: Roster, clock: Clock, write: (line: SimulatedOutput) => void) {
    super();
    this.#roster = roster;
    this.#clock = clock;
    this.#write = write;
  }

  async send(out: Outgoing): Promise<{ messageId: string }> {
    const chat = this.chatName(out.to);
    const line = this.#render(chat, out.mentions, out.content);
    const messageId = this.#idFor(line);
    this.#chatOf.set(messageId, chat);
    this.#write({ ...line, messageId });
    return { messageId };
  }

  async update(messageId: string, content: Content): Promise<void> {
    this.#write({ ...this.#render(this.#chatOf.get(messageId) ?? '', [], content), update: messageId });
  }

  /**
   * Ids follow from what was sent, where and when, so a transcript reads the same on every run
   * and across restarts (a new process must not reuse an id the store still remembers).
   */
  #idFor(line: SimulatedOutput): string {
    const base = `sim-${createHash('sha1').update(`${line.at}|${line.chat}|${line.text}`).digest('hex').slice(0, 12)}`;
    let id = base;
    for (let n = 2; this.#ids.has(id); n++) id = `${base}-${n}`;
    this.#ids.add(id);
    return id;
  }

  #render(chat: string, mentions: string[], content: Content): SimulatedOutput {
    const line: SimulatedOutput = { at: formatLocalIso(this.#clock.now()), chat, mentions, text: renderText(content) };
    if ('card' in content) line.card = content.card;
    if ('file' in content) line.file = { name: content.file.name, ...('path' in content.file ? { path: content.file.path } : {}) };
    return line;
  }

  /** "group" for the main group, "group:<id>" for another, "dm:<person id>" for a direct chat. */
  chatName(to: Address): string {
    switch (to.kind) {
      case 'group':
        return to.groupId === this.#roster.mainGroup.id ? 'group' : `group:${to.groupId}`;
      case 'direct':
        return `dm:${to.personId}`;
      case 'chat':
        return to.chatId;
    }
  }
}

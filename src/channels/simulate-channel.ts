import type { Clock } from '../core/clock';
import type { Address, Card, Outgoing } from '../core/message';
import { renderText } from '../core/render-text';
import type { Roster } from '../org/roster';
import { formatLocalIso } from '../time';
import type { Channel } from './channel';

/** One line of simulate's output. */
export interface SimulatedOutput {
  at: string;
  chat: string;
  mentions: string[];
  text: string;
  card?: Card;
}

/**
 * The channel behind `npm run simulate`: messages are fed in by the script runner, and every
 * message the bot sends becomes one JSON line stamped with the virtual time.
 */
export class SimulateChannel implements Channel {
  readonly name = 'simulate';
  readonly #roster: Roster;
  readonly #clock: Clock;
  readonly #write: (line: SimulatedOutput) => void;

  constructor(roster: Roster, clock: Clock, write: (line: SimulatedOutput) => void) {
    this.#roster = roster;
    this.#clock = clock;
    this.#write = write;
  }

  /** The script runner feeds messages itself, so there is nothing to listen to. */
  async run(): Promise<void> {}

  async send(out: Outgoing): Promise<void> {
    const line: SimulatedOutput = {
      at: formatLocalIso(this.#clock.now()),
      chat: this.chatName(out.to),
      mentions: out.mentions,
      text: renderText(out.content),
    };
    if ('card' in out.content) line.card = out.content.card;
    this.#write(line);
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

import type { Incoming, Outgoing } from '../model/message';
import type { Channel, ChannelCapabilities } from './channel';

/**
 * A channel whose events are handed over by whoever drives it — simulate's script runner, a
 * test — rather than read from a platform's socket. It listens from `start` until `stop`, as a
 * platform channel would, so the bot is wired to it exactly as to a real one.
 */
export abstract class DrivenChannel implements Channel {
  abstract readonly name: string;
  abstract readonly capabilities: ChannelCapabilities;
  #onEvent: ((event: Incoming) => Promise<void>) | undefined;
  #stopped: (() => void) | undefined;

  start(onEvent: (event: Incoming) => Promise<void>): Promise<void> {
    this.#onEvent = onEvent;
    return new Promise((resolve) => (this.#stopped = resolve));
  }

  async stop(): Promise<void> {
    this.#onEvent = undefined;
    this.#stopped?.();
  }

  /** What a person said or pressed, handed to the bot as the platform would. */
  async deliver(event: Incoming): Promise<void> {
    if (!this.#onEvent) throw new Error(`${this.name} channel is not started`);
    await this.#onEvent(event);
  }

  abstract send(out: Outgoing): Promise<{ messageId: string }>;
}

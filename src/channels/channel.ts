import type { Transport } from '../core/bot';
import type { Incoming } from '../core/message';

/**
 * A platform adapter: turns platform events into `Incoming` and renders `Outgoing` for the
 * platform. No business rules live here.
 */
export interface Channel extends Transport {
  /** Delivers messages to `handle` until the channel ends (console: end of input; others: stop). */
  run(handle: (msg: Incoming) => Promise<void>): Promise<void>;
}

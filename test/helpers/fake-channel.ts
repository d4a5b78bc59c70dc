import type { ChannelCapabilities } from '../../src/channels/channel';
import { DrivenChannel } from '../../src/channels/driven-channel';
import type { Content, Outgoing } from '../../src/model/message';

export interface FakeChannelOptions {
  name?: string;
  capabilities?: Partial<ChannelCapabilities>;
  /** Whether sent messages can be edited (Lark can; WeChat cannot). */
  canUpdate?: boolean;
  /** What the platform does with each send before it counts as sent: throw to fail it. */
  beforeSend?: (out: Outgoing) => Promise<void>;
}

/**
 * A platform in memory, for tests: events are delivered by the test, and everything the bot
 * sends or edits is recorded. Capabilities are chosen per test (a Lark-like one with cards and
 * edits, a WeChat-like text-only one).
 */
export class FakeChannel extends DrivenChannel {
  readonly name: string;
  readonly capabilities: ChannelCapabilities;
  /** What the bot sent, as the channel received it (after the core's degradation). */
  readonly sent: Outgoing[] = [];
  readonly messageIds = new Map<Outgoing, string>();
  readonly updates: Array<{ messageId: string; content: Content }> = [];
  readonly update?: (messageId: string, content: Content) => Promise<void>;
  #seq = 0;
  readonly #beforeSend: ((out: Outgoing) => Promise<void>) | undefined;

  constructor(options: FakeChannelOptions = {}) {
    super();
    this.name = options.name ?? 'fake';
    this.capabilities = { cards: true, files: true, mentions: 'id', ...options.capabilities };
    this.#beforeSend = options.beforeSend;
    if (options.canUpdate) this.update = async (messageId, content) => void this.updates.push({ messageId, content });
  }

  async send(out: Outgoing): Promise<{ messageId: string }> {
    await this.#beforeSend?.(out);
    const messageId = `${this.name}-msg-${++this.#seq}`;
    this.sent.push(out);
    this.messageIds.set(out, messageId);
    return { messageId };
  }
}

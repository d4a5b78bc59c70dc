import type { ChatContext } from '../core/chat-context';
import type { ConversationState } from '../store/schema';

/** A conversation's persisted position, without the bookkeeping the engine adds. */
export type FlowState = Pick<ConversationState, 'step' | 'data'>;

/**
 * A guided conversation in a direct chat (a monthly form, a points report …). The engine keeps
 * its state in the store between messages and across restarts.
 */
export interface Flow {
  id: string;
  /** What users call it, e.g. 双公示填报. */
  title: string;
  /** Bump when steps change meaning: older saved states are then discarded, not misread. */
  version: number;
  /** Minutes without a reply after which the conversation lapses. */
  idleMinutes: number;
  /** Sends the first prompt; returns the state to save, or null if there is nothing to ask. */
  start(ctx: ChatContext, init: Record<string, unknown>): Promise<FlowState | null>;
  /** Handles the person's next message; returns the next state, or null when finished. */
  next(ctx: ChatContext, state: FlowState): Promise<FlowState | null>;
}

import type { MemberContext } from '../core/chat-context';
import type { Roster } from '../org/roster';
import type { ConversationState } from '../store/schema';

/** A conversation's persisted position, without the bookkeeping the engine adds. */
export type FlowState = Pick<ConversationState, 'step' | 'data'>;

/**
 * A guided conversation in a direct chat (a monthly form, a points report …). The engine keeps
 * its state in the store between messages and across restarts.
 */
export interface Flow {
  id: string;
  /** What users call it, e.g. 月度填报. */
  title: string;
  /** Bump when steps change meaning: older saved states are then discarded, not misread. */
  version: number;
  /** Sends the first prompt; returns the state to save, or null if there is nothing to ask. */
  start(ctx: MemberContext, init: Record<string, unknown>): Promise<FlowState | null>;
  /** Handles the person's next message; returns the next state, or null when finished. */
  next(ctx: MemberContext, state: FlowState): Promise<FlowState | null>;
  /** Sends where the form stands — the pending question, after `note` — e.g. after a command mid-form or on resuming it. */
  remind(ctx: MemberContext, state: FlowState, note: string): Promise<FlowState | null>;
  /** The form in a few words, for lists and notices: 双公示（2026年11月 · 商事登记科，第 3/7 项）. */
  describe(state: FlowState, roster: Roster): string;
  /** What the form is about: one set-aside form per subject is kept. */
  subject(state: FlowState): string;
  /** Whether starting the flow with `init` would open the very form `state` is. */
  opens(init: Record<string, unknown>, state: FlowState): boolean;
  /** Whether anything has been answered yet: a form still at its menu is replaced without asking to set it aside. */
  answered(state: FlowState): boolean;
  /** Whether the pending question takes free text, where a command's name may be meant as the answer. */
  takesFreeText(state: FlowState): boolean;
}

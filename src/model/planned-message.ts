import type { Outgoing } from './message';

/**
 * A message a job wants sent, with the keys of everything it covers (the outbox records them, so
 * nothing is sent twice). Its own module: the reminder planner and the ranking draft both plan
 * messages, and the planner calls the draft.
 */
export interface PlannedMessage {
  keys: string[];
  message: Outgoing;
}

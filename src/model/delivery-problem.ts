/**
 * Why a platform would not deliver a message, in words that are no platform's own: the channel
 * maps its error codes to these, and whoever keeps the message (the outbox, the admins' notice)
 * decides from them alone.
 */
export const DELIVERY_PROBLEMS = [
  /** The bot is not (or no longer) in the group. */
  'not_in_chat',
  /** The person is outside the app's availability scope: the bot may not write to them. */
  'outside_availability',
  /** The person has blocked the bot or turned its messages off. */
  'blocked',
  /** The platform's content audit refused the message. */
  'content_rejected',
  /** The person or group has no account on the platform in org.yaml. */
  'no_account',
  'other',
] as const;
export type DeliveryProblem = (typeof DELIVERY_PROBLEMS)[number];

/** A refused or failed send, as the one keeping the message needs it. */
export interface DeliveryFailure {
  /** Trying again later may succeed (a rate limit, a timeout); false: the platform said no. */
  readonly transient: boolean;
  readonly problem: DeliveryProblem;
  /** The platform's own error code, for the log and the admins' notice. */
  readonly code?: string;
}

/**
 * The classified failure a send rejected with (a channel's TransportError), or undefined for
 * anything a channel did not classify. Read by its shape, because the rooms that keep messages
 * (the reminders' outbox) do not import the outbound path that defines the error.
 */
export function deliveryFailureOf(error: unknown): DeliveryFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  const { transient, problem, code } = error as Partial<Record<keyof DeliveryFailure, unknown>>;
  if (typeof transient !== 'boolean' || !DELIVERY_PROBLEMS.includes(problem as DeliveryProblem)) return undefined;
  return { transient, problem: problem as DeliveryProblem, ...(typeof code === 'string' ? { code } : {}) };
}

import { z } from '../zod';

/** Bump with every change of shape, and add the step in migrations.ts. */
export const DB_VERSION = 1;

const isoTime = z.iso.datetime({ offset: true });

const button = z.object({ label: z.string(), value: z.string() });

export const conversationStateSchema = z.object({
  flow: z.string(),
  /** The flow's version when the state was written; a mismatch means the form changed since. */
  version: z.number().int(),
  step: z.number().int().min(0),
  data: z.record(z.string(), z.unknown()),
  updatedAt: isoTime,
  expiresAt: isoTime,
});

export const dbSchema = z.object({
  version: z.literal(DB_VERSION),
  /** Platform message keys already handled, with when; platforms redeliver on slow acks. */
  seenMessages: z.record(z.string(), isoTime),
  /** Guided conversations in progress, keyed by channel and person. */
  conversations: z.record(z.string(), conversationStateSchema),
  /** Buttons of the last card sent to a chat, so a text-only reply "1" can press one. */
  choices: z.record(z.string(), z.object({ options: z.array(button), sentAt: isoTime })),
});

export type Db = z.output<typeof dbSchema>;
export type ConversationState = z.output<typeof conversationStateSchema>;

export function emptyDb(): Db {
  return { version: DB_VERSION, seenMessages: {}, conversations: {}, choices: {} };
}

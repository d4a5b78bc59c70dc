import type { Outgoing } from '../model/message';
import { z } from '../zod';

/** Bump with every change of shape, and add the step in migrations.ts. */
export const DB_VERSION = 6;

const isoTime = z.iso.datetime({ offset: true });

const button = z.object({ label: z.string(), value: z.string() });

const cardSchema = z.object({
  title: z.string(),
  lines: z.array(z.string()).optional(),
  table: z.object({ header: z.array(z.string()), rows: z.array(z.array(z.string())) }).optional(),
  footer: z.array(z.string()).optional(),
  buttons: z.array(button).optional(),
});

/** A card with buttons the bot sent, until it is answered or a week old. */
export const sentCardSchema = z.object({
  /** The chat it went to (chatKey). */
  chat: z.string(),
  /** Its thread: a person's conversation in that chat, or the chat's notices (see cards.ts). */
  thread: z.string(),
  card: cardSchema,
  sentAt: isoTime,
  /** Set once a button was pressed (or its number typed): the card then waits no more. */
  answeredAt: isoTime.optional(),
});

/** The cards the bot sent, by channel and message id, and the latest message of every thread. */
export const cardsSchema = z.object({
  sent: z.record(z.string(), sentCardSchema),
  latest: z.record(z.string(), z.object({ messageId: z.string(), sentAt: isoTime })),
});

/**
 * A question the bot asked about the form itself, waiting for the person's answer: start another
 * form (setting this one aside), resume a set-aside one, or whether text that begins with a
 * command's name was meant as the command or as the answer.
 */
export const pendingChoiceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('switch'), flow: z.string(), init: z.record(z.string(), z.unknown()) }),
  z.object({ kind: z.literal('resume'), parkedId: z.string() }),
  z.object({ kind: z.literal('ambiguous'), text: z.string() }),
]);

const formPosition = {
  flow: z.string(),
  /** The flow's version when the state was written; a mismatch means the form changed since. */
  version: z.number().int(),
  step: z.number().int().min(0),
  data: z.record(z.string(), z.unknown()),
  /** The person's last answer. */
  updatedAt: isoTime,
};

export const conversationStateSchema = z.object({
  ...formPosition,
  /** When the form lapses (set aside as 过期, restorable with 继续填报 for a while). */
  expiresAt: isoTime,
  pending: pendingChoiceSchema.optional(),
});

/** A form set aside for another one, or lapsed unanswered; 继续填报 resumes it. */
export const parkedFormSchema = z.object({
  ...formPosition,
  id: z.string(),
  /** The conversation key (channel and person) it belongs to. */
  key: z.string(),
  reason: z.enum(['aside', 'lapsed']),
  parkedAt: isoTime,
});

/** One section's answers to one task for one month; resubmissions keep the older ones. */
export const submissionSchema = z.object({
  id: z.string(),
  month: z.string().regex(/^\d{4}-\d{2}$/),
  taskId: z.string(),
  sectionId: z.string(),
  answers: z.record(z.string(), z.unknown()),
  /** Fingerprint of the questions it answered (see TaskCatalog.formVersion). */
  formVersion: z.string(),
  submittedBy: z.string(),
  submittedAt: isoTime,
  late: z.boolean(),
  /** Ids of the fields answered as an estimate (120左右, 大概120), shown 约; absent when none was. */
  approximate: z.array(z.string()).optional(),
  /** Set when a newer submission replaced this one; kept as history. */
  supersededAt: isoTime.optional(),
  /** Set when an admin sent it back for correction. */
  returned: z.object({ by: z.string(), at: isoTime, reason: z.string() }).optional(),
});

/** A 机关信用积分 item reported by a person, verified by their section head. */
export const pointsItemSchema = z.object({
  /** The number heads type in 同意 N / 退回 N. */
  no: z.number().int().positive(),
  personId: z.string(),
  sectionId: z.string(),
  month: z.string().regex(/^\d{4}-\d{2}$/),
  kind: z.enum(['add', 'deduct']),
  item: z.string(),
  points: z.number(),
  reason: z.string(),
  reportedAt: isoTime,
  status: z.enum(['pending', 'approved', 'returned']),
  review: z.object({ by: z.string(), at: isoTime, note: z.string() }).optional(),
});

/** An admin's decision that a section owes nothing for a task this month (免报). */
export const exemptionSchema = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  taskId: z.string(),
  sectionId: z.string(),
  reason: z.string(),
  by: z.string(),
  at: isoTime,
});

/**
 * A message the bot decided to send on its own (a reminder, a notice), recorded before it is
 * sent. Its keys say what it covers — (month, task, section or person, rule) — so the planner
 * never plans it again, and a failed send stays here: retried, or marked failed and kept.
 */
export const outboxEntrySchema = z.object({
  id: z.string(),
  keys: z.array(z.string()),
  message: z.custom<Outgoing>((v) => typeof v === 'object' && v !== null && 'to' in v && 'content' in v, '应为一条待发消息'),
  createdAt: isoTime,
  /** failed: the platform refused it for good, or it could not be delivered for a day; never retried. */
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number().int().min(0),
  nextAttemptAt: isoTime,
  sentAt: isoTime.optional(),
  /** The first failed try: transient failures are retried for a day from here. */
  firstFailedAt: isoTime.optional(),
  failedAt: isoTime.optional(),
  lastError: z.string().optional(),
});

/** A section's line in a published ranking, frozen as it was published. */
export const rankingRowSchema = z.object({
  sectionId: z.string(),
  rank: z.number().int().positive(),
  tied: z.boolean(),
  score: z.number(),
  onTime: z.number().int(),
  late: z.number().int(),
  missing: z.number().int(),
  exempt: z.number().int(),
  /** What cost it points: 未报 双公示, 双公示 合规率 97.0% …, for the notice. */
  shortfalls: z.array(z.string()),
});

/** A ranking notice (通报) as published to the group; a correction is published again, marked 更正. */
export const publishedRankingSchema = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  publishedAt: isoTime,
  publishedBy: z.string(),
  correction: z.boolean(),
  rows: z.array(rankingRowSchema),
  text: z.string(),
});

/**
 * A ranking notice an admin asked to publish and was shown, awaiting their 确认发布. What was
 * shown is kept so that confirmation publishes nothing else.
 */
export const pendingPublicationSchema = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  preparedAt: isoTime,
  expiresAt: isoTime,
  /** The notice as shown to the admin (its text rendering). */
  text: z.string(),
});

/** What the reminder job has done so far, so a restart at any moment continues one run's plan. */
export const reminderStateSchema = z.object({
  /** The job's first run: months whose deadlines came before it are never reminded or drafted. */
  firstRunAt: isoTime.optional(),
  /** When the day's direct-message pass, and the group pass, last ran (each runs once a working day). */
  directPassAt: isoTime.optional(),
  groupPassAt: isoTime.optional(),
});

export const dbSchema = z.object({
  version: z.literal(DB_VERSION),
  /** Platform message keys already handled, with when; platforms redeliver on slow acks. */
  seenMessages: z.record(z.string(), isoTime),
  /** Guided conversations in progress, keyed by channel and person. */
  conversations: z.record(z.string(), conversationStateSchema),
  /** Forms set aside or lapsed, kept a week for 继续填报. */
  parkedForms: z.array(parkedFormSchema),
  submissions: z.array(submissionSchema),
  pointsItems: z.array(pointsItemSchema),
  exemptions: z.array(exemptionSchema),
  outbox: z.array(outboxEntrySchema),
  rankings: z.array(publishedRankingSchema),
  /** Ranking notices awaiting 确认发布, by the admin who asked. */
  pendingPublications: z.record(z.string(), pendingPublicationSchema),
  reminderState: reminderStateSchema,
  /** Cards waiting for a press or a typed number, so each answer reaches the card it answers. */
  cards: cardsSchema,
  /**
   * The keys of outbox entries done with long ago, by the month they were created in: the entries
   * themselves are compacted away, but their keys still say "already sent" (see compaction.ts).
   */
  outboxArchive: z.record(z.string().regex(/^\d{4}-\d{2}$/), z.array(z.string())),
});

export type Db = z.output<typeof dbSchema>;
export type ConversationState = z.output<typeof conversationStateSchema>;
export type SentCard = z.output<typeof sentCardSchema>;
export type PendingChoice = z.output<typeof pendingChoiceSchema>;
export type ParkedForm = z.output<typeof parkedFormSchema>;
export type Submission = z.output<typeof submissionSchema>;
export type PointsItem = z.output<typeof pointsItemSchema>;
export type Exemption = z.output<typeof exemptionSchema>;
export type OutboxEntry = z.output<typeof outboxEntrySchema>;
export type ReminderState = z.output<typeof reminderStateSchema>;
export type RankingRow = z.output<typeof rankingRowSchema>;
export type PublishedRanking = z.output<typeof publishedRankingSchema>;
export type PendingPublication = z.output<typeof pendingPublicationSchema>;

export function emptyDb(): Db {
  return { version: DB_VERSION, seenMessages: {}, conversations: {}, parkedForms: [], submissions: [], pointsItems: [], exemptions: [], outbox: [], rankings: [], pendingPublications: {}, reminderState: {}, cards: { sent: {}, latest: {} }, outboxArchive: {} };
}

import type { SentCard } from '../store/schema';
import type { Store } from '../store/store';
import { t } from '../prompts';
import type { Address, Button, Card, Content, Outgoing } from '../model/message';

/**
 * Which card an answer belongs to. Every message the bot sends goes to a *thread*: the
 * conversation with the person it answers (their chat, or their direct chat), or the chat's
 * notices (reminders, announcements sent on the bot's own initiative). A card waits for an answer
 * until one of its buttons is pressed, or a newer message in its thread replaces it, or it is a
 * week old. A number typed on a text-only chat answers the conversation's waiting card first:
 * a reminder that arrives in between never captures the reply to a question.
 */

/** How long a card waits for its answer; housekeeping forgets older ones. */
export const CARD_RETENTION_DAYS = 7;

/** Chats are keyed the same way for what the bot sent and what it receives. */
export function chatKey(channel: string, address: Address): string {
  switch (address.kind) {
    case 'group':
      return `${channel}|group:${address.groupId}`;
    case 'direct':
      return `${channel}|dm:${address.personId}`;
    case 'chat':
      return `${channel}|${address.chatType}:${address.chatId}`;
  }
}

/** A person's conversation in a chat, or (without a person) the chat's notices. */
export function threadKey(chat: string, person: string | undefined): string {
  return person === undefined ? `${chat}#notices` : `${chat}#with:${person}`;
}

function cardKey(channel: string, messageId: string): string {
  return `${channel}|${messageId}`;
}

/** Notes a sent message as its thread's latest, and keeps a card with buttons until it is answered. */
export async function recordSent(store: Store, channel: string, out: Outgoing, messageId: string, now: Date): Promise<void> {
  const chat = chatKey(channel, out.to);
  const thread = threadKey(chat, out.conversationWith);
  const card = 'card' in out.content && out.content.card.buttons?.length ? out.content.card : undefined;
  const sentAt = now.toISOString();
  await store.update((db) => {
    db.cards.latest[thread] = { messageId, sentAt };
    if (card) db.cards.sent[cardKey(channel, messageId)] = { chat, thread, card, sentAt };
  });
}

/** The card behind a sent message id, if it still waits for an answer. */
export function waitingCard(store: Store, channel: string, messageId: string, now: Date): SentCard | undefined {
  const card = store.data.cards.sent[cardKey(channel, messageId)];
  if (!card || card.answeredAt) return undefined;
  if (store.data.cards.latest[card.thread]?.messageId !== messageId) return undefined;
  return now.getTime() - Date.parse(card.sentAt) < CARD_RETENTION_DAYS * 86_400_000 ? card : undefined;
}

/** A card a typed number or a press may answer: its message id and its record. */
export interface CardRef {
  messageId: string;
  card: SentCard;
}

export interface Asker {
  channel: string;
  /** chatKey of the chat the person wrote in. */
  chat: string;
  /** The person's roster id, or their platform id when not in the roster. */
  person: string;
  /** They are filling in a form there: their typed numbers are answers to it, never to a notice. */
  inForm: boolean;
}

/**
 * The card a person's reply answers: their conversation's card while it waits, else — outside a
 * form — a notice card newer than anything said in their conversation.
 */
export function answerableCard(store: Store, who: Asker, now: Date): CardRef | undefined {
  const { latest } = store.data.cards;
  const conversation = latest[threadKey(who.chat, who.person)];
  const own = conversation && waitingCard(store, who.channel, conversation.messageId, now);
  if (own) return { messageId: conversation.messageId, card: own };
  if (who.inForm) return undefined;
  const notice = latest[threadKey(who.chat, undefined)];
  if (!notice || (conversation && notice.sentAt <= conversation.sentAt)) return undefined;
  const card = waitingCard(store, who.channel, notice.messageId, now);
  return card && { messageId: notice.messageId, card };
}

/**
 * The cards a person in a chat could press, best first: their conversation's waiting card, the
 * chat's waiting notice, then every older card there, newest first (pressing those is answered
 * with "expired"). Simulate's press lines use it to find the card a person means.
 */
export function pressableCards(store: Store, who: { channel: string; to: Address; person: string }, now: Date): CardRef[] {
  const chat = chatKey(who.channel, who.to);
  const threads = [threadKey(chat, who.person), threadKey(chat, undefined)];
  const all = Object.entries(store.data.cards.sent)
    .filter(([, c]) => threads.includes(c.thread))
    .map(([key, card]) => ({ messageId: key.slice(who.channel.length + 1), card }))
    .sort((a, b) => b.card.sentAt.localeCompare(a.card.sentAt));
  const waiting = (ref: CardRef) => waitingCard(store, who.channel, ref.messageId, now) !== undefined;
  const rank = (ref: CardRef) => (waiting(ref) ? threads.indexOf(ref.card.thread) : threads.length);
  return all.sort((a, b) => rank(a) - rank(b));
}

/** The button for a reply such as "1" or "１", if the card has that many. */
export function numberedButton(card: SentCard, text: string): Button | undefined {
  const digits = text.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (!/^\d{1,2}$/.test(digits)) return undefined;
  return card.card.buttons?.[Number(digits) - 1];
}

export async function markAnswered(store: Store, channel: string, messageId: string, now: Date): Promise<void> {
  await store.update((db) => {
    const card = db.cards.sent[cardKey(channel, messageId)];
    if (card) card.answeredAt = now.toISOString();
  });
}

/** Whether the person's conversation ends, since `since`, with a card that waits for an answer. */
export function offeredSince(store: Store, who: Asker, since: Date): boolean {
  const conversation = store.data.cards.latest[threadKey(who.chat, who.person)];
  return Boolean(conversation && conversation.sentAt >= since.toISOString() && waitingCard(store, who.channel, conversation.messageId, since));
}

/** Drops cards and thread marks older than the retention, so db.json stays small. */
export function forgetOldCards(store: Store, now: Date): Promise<void> {
  const cutoff = new Date(now.getTime() - CARD_RETENTION_DAYS * 86_400_000).toISOString();
  return store.update((db) => {
    for (const [key, card] of Object.entries(db.cards.sent)) if (card.sentAt < cutoff) delete db.cards.sent[key];
    for (const [key, mark] of Object.entries(db.cards.latest)) if (mark.sentAt < cutoff) delete db.cards.latest[key];
  });
}

/** A pressed card as it is shown afterwards: what was chosen, and no buttons to press again. */
export function answeredCard(card: Card, label: string): Content {
  return { card: { ...card, buttons: undefined, footer: [...(card.footer ?? []), t('card.chosen', { label })] } };
}

import type { Db, SentCard } from '../store/schema';
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

type CardState = Pick<Db, 'cards'>;

/** The cards sent and each thread's latest message. */
export class CardsView {
  constructor(protected readonly state: Readonly<CardState>) {}

  /** The card sent as this message, answered or not. */
  sent(channel: string, messageId: string): SentCard | undefined {
    return this.state.cards.sent[cardKey(channel, messageId)];
  }

  /** The latest message of a thread. */
  latest(thread: string): { messageId: string; sentAt: string } | undefined {
    return this.state.cards.latest[thread];
  }

  /** The cards of a channel sent in these threads, with their message ids. */
  inThreads(channel: string, threads: readonly string[]): CardRef[] {
    return Object.entries(this.state.cards.sent)
      .filter(([key, card]) => key.startsWith(`${channel}|`) && threads.includes(card.thread))
      .map(([key, card]) => ({ messageId: key.slice(channel.length + 1), card }));
  }
}

export class CardChanges extends CardsView {
  declare protected readonly state: CardState;

  /** Notes a sent message as its thread's latest, and keeps a card with buttons until it is answered. */
  recordSent(channel: string, out: Outgoing, messageId: string, now: Date): void {
    const chat = chatKey(channel, out.to);
    const thread = threadKey(chat, out.conversationWith);
    const card = 'card' in out.content && out.content.card.buttons?.length ? out.content.card : undefined;
    const sentAt = now.toISOString();
    this.state.cards.latest[thread] = { messageId, sentAt };
    if (card) this.state.cards.sent[cardKey(channel, messageId)] = { chat, thread, card, sentAt };
  }

  markAnswered(channel: string, messageId: string, now: Date): void {
    const card = this.state.cards.sent[cardKey(channel, messageId)];
    if (card) card.answeredAt = now.toISOString();
  }

  /** Drops cards and thread marks older than the retention, so the hot state stays small. */
  forgetOld(now: Date): void {
    const cutoff = new Date(now.getTime() - CARD_RETENTION_DAYS * 86_400_000).toISOString();
    for (const [key, card] of Object.entries(this.state.cards.sent)) if (card.sentAt < cutoff) delete this.state.cards.sent[key];
    for (const [key, mark] of Object.entries(this.state.cards.latest)) if (mark.sentAt < cutoff) delete this.state.cards.latest[key];
  }
}

/** The card behind a sent message id, if it still waits for an answer. */
export function waitingCard(cards: CardsView, channel: string, messageId: string, now: Date): SentCard | undefined {
  const card = cards.sent(channel, messageId);
  if (!card || card.answeredAt) return undefined;
  if (cards.latest(card.thread)?.messageId !== messageId) return undefined;
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
export function answerableCard(cards: CardsView, who: Asker, now: Date): CardRef | undefined {
  const conversation = cards.latest(threadKey(who.chat, who.person));
  const own = conversation && waitingCard(cards, who.channel, conversation.messageId, now);
  if (own) return { messageId: conversation.messageId, card: own };
  if (who.inForm) return undefined;
  const notice = cards.latest(threadKey(who.chat, undefined));
  if (!notice || (conversation && notice.sentAt <= conversation.sentAt)) return undefined;
  const card = waitingCard(cards, who.channel, notice.messageId, now);
  return card && { messageId: notice.messageId, card };
}

/**
 * The cards a person in a chat could press, best first: their conversation's waiting card, the
 * chat's waiting notice, then every older card there, newest first (pressing those is answered
 * with "expired"). Simulate's press lines use it to find the card a person means.
 */
export function pressableCards(cards: CardsView, who: { channel: string; to: Address; person: string }, now: Date): CardRef[] {
  const chat = chatKey(who.channel, who.to);
  const threads = [threadKey(chat, who.person), threadKey(chat, undefined)];
  const all = cards.inThreads(who.channel, threads).sort((a, b) => b.card.sentAt.localeCompare(a.card.sentAt));
  const waiting = (ref: CardRef) => waitingCard(cards, who.channel, ref.messageId, now) !== undefined;
  const rank = (ref: CardRef) => (waiting(ref) ? threads.indexOf(ref.card.thread) : threads.length);
  return all.sort((a, b) => rank(a) - rank(b));
}

/** The button for a reply such as "1" or "１", if the card has that many. */
export function numberedButton(card: SentCard, text: string): Button | undefined {
  const digits = text.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (!/^\d{1,2}$/.test(digits)) return undefined;
  return card.card.buttons?.[Number(digits) - 1];
}

/** Whether the person's conversation ends, since `since`, with a card that waits for an answer. */
export function offeredSince(cards: CardsView, who: Asker, since: Date): boolean {
  const conversation = cards.latest(threadKey(who.chat, who.person));
  return Boolean(conversation && conversation.sentAt >= since.toISOString() && waitingCard(cards, who.channel, conversation.messageId, since));
}

/** A pressed card as it is shown afterwards: what was chosen, and no buttons to press again. */
export function answeredCard(card: Card, label: string): Content {
  return { card: { ...card, buttons: undefined, footer: [...(card.footer ?? []), t('card.chosen', { label })] } };
}

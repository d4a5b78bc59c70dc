import { randomBytes } from 'node:crypto';
import type { TemplateCard } from '@wecom/aibot-node-sdk';
import { renderText } from '../../core/render-text';
import type { Card } from '../../model/message';
import { t } from '../../prompts';

/** A button card (button_interaction) holds at most six buttons. */
export const MAX_CARD_BUTTONS = 6;
/** WeCom shows a card's text (sub_title_text) whole up to about 112 characters, its advised most. */
export const MAX_CARD_TEXT = 112;

/**
 * How one card goes out on WeCom. A button card carries little text, so: a card whose text fits
 * and who @-mentions no one is one button card; a longer one (or one that @-mentions, which only
 * markdown can) is its text as markdown, then a button card with the buttons; a card without
 * buttons, or with more than a card holds, is markdown only, its buttons as numbered replies.
 */
export type CardPlan = { markdown?: string; card?: TemplateCard };

export function planCard(card: Card, taskId: string, mentions: string): CardPlan {
  const buttons = card.buttons ?? [];
  if (buttons.length === 0 || buttons.length > MAX_CARD_BUTTONS) return { markdown: withMentions(mentions, renderText({ card })) };
  const text = cardText(card);
  if (!mentions && [...text].length <= MAX_CARD_TEXT) return { card: buttonCard(card, text, taskId) };
  return { markdown: withMentions(mentions, renderText({ card: { ...card, buttons: undefined } })), card: buttonCard(card, t('wecom.card_buttons'), taskId) };
}

/**
 * A pressed card as it is updated (same task_id): still a button card while it has buttons,
 * otherwise a notice; a text too long for a card keeps only its last line, which says what was chosen.
 */
export function updatedCard(card: Card, taskId: string): TemplateCard {
  const buttons = card.buttons ?? [];
  const text = cardText(card);
  const shown = [...text].length <= MAX_CARD_TEXT ? text : (text.split('\n').at(-1) ?? '');
  if (buttons.length > 0 && buttons.length <= MAX_CARD_BUTTONS) return buttonCard(card, shown, taskId);
  return { card_type: 'text_notice', main_title: { title: card.title }, ...(shown ? { sub_title_text: shown } : {}), task_id: taskId };
}

/** A fresh task_id: unique per card, of the characters WeCom allows (letters, digits, _-@), at most 128 bytes. */
export function newTaskId(): string {
  return `cr_${Date.now().toString(36)}_${randomBytes(6).toString('hex')}`;
}

/** The card's lines, table rows and footer as plain lines. */
function cardText(card: Card): string {
  const table = card.table ? [card.table.header.join('｜'), ...card.table.rows.map((row) => row.join('｜'))] : [];
  return [...(card.lines ?? []), ...table, ...(card.footer ?? [])].join('\n');
}

function buttonCard(card: Card, text: string, taskId: string): TemplateCard {
  return {
    card_type: 'button_interaction',
    main_title: { title: card.title },
    ...(text ? { sub_title_text: text } : {}),
    // The key is what a press reports back: the button's value, as the core reads a press.
    button_list: (card.buttons ?? []).map((b) => ({ text: b.label, key: b.value, style: 1 })),
    task_id: taskId,
  };
}

function withMentions(mentions: string, text: string): string {
  return mentions ? `${mentions} ${text}` : text;
}

import { t } from '../prompts';
import type { Card, Content } from '../model/message';

/**
 * How content reads on a channel that shows only text (WeChat, the console, simulate's `text`):
 * a card as a title, its lines, the table as rows joined by "｜" (chat fonts do not align
 * columns), the footer, and the buttons as numbered replies; a file as its caption and name.
 */
export function renderText(content: Content): string {
  if ('text' in content) return content.text;
  if ('card' in content) return renderCard(content.card);
  return [content.file.caption, t('file.attached', { name: content.file.name })].filter(Boolean).join('\n');
}

function renderCard(card: Card): string {
  const out = [`【${card.title}】`, ...(card.lines ?? [])];
  if (card.table) {
    out.push(card.table.header.join('｜'));
    for (const row of card.table.rows) out.push(row.join('｜'));
  }
  out.push(...(card.footer ?? []));
  if (card.buttons?.length) {
    out.push(t('card.reply_with_number', { buttons: card.buttons.map((b, i) => `${i + 1}. ${b.label}`).join('  ') }));
  }
  return out.join('\n');
}

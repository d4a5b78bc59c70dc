import type { Card, Content } from './message';

/**
 * How a card reads on a channel that shows only text (WeChat, the console, simulate's `text`):
 * a title, its lines, the table as rows joined by "｜" (chat fonts do not align columns), the
 * footer, and the buttons as numbered replies.
 */
export function renderText(content: Content): string {
  return 'text' in content ? content.text : renderCard(content.card);
}

function renderCard(card: Card): string {
  const out = [`【${card.title}】`, ...(card.lines ?? [])];
  if (card.table) {
    out.push(card.table.header.join('｜'));
    for (const row of card.table.rows) out.push(row.join('｜'));
  }
  out.push(...(card.footer ?? []));
  if (card.buttons?.length) {
    out.push(`回复序号：${card.buttons.map((b, i) => `${i + 1}. ${b.label}`).join('  ')}`);
  }
  return out.join('\n');
}

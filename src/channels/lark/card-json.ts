import type { Card } from '../../model/message';

/** Rows per page of a card table: Feishu's table component paginates, ten rows fit a phone screen. */
const TABLE_PAGE_SIZE = 10;

/** A card as Feishu card JSON 2.0: header, markdown, a paginated table, buttons that call back with an object. */
export function renderCard(card: Card, mentionLine = ''): unknown {
  const elements: unknown[] = [];
  const lines = [...(mentionLine ? [mentionLine] : []), ...(card.lines ?? [])];
  if (lines.length > 0) elements.push({ tag: 'markdown', content: lines.join('\n') });
  if (card.table) {
    const columns = card.table.header.map((name, i) => ({ name: `c${i}`, display_name: name, data_type: 'text' }));
    const rows = card.table.rows.map((row) => Object.fromEntries(row.map((cell, i) => [`c${i}`, cell])));
    elements.push({ tag: 'table', page_size: TABLE_PAGE_SIZE, columns, rows });
  }
  if (card.footer?.length) elements.push({ tag: 'markdown', content: card.footer.join('\n') });
  for (const button of card.buttons ?? []) {
    elements.push({
      tag: 'button',
      text: { tag: 'plain_text', content: button.label },
      type: 'default',
      behaviors: [{ type: 'callback', value: { action: button.value } }],
    });
  }
  return {
    schema: '2.0',
    // Shared cards update for everyone who sees them when a press changes them.
    config: { update_multi: true },
    header: { title: { tag: 'plain_text', content: card.title } },
    body: { elements },
  };
}


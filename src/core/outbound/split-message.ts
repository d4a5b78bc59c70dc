import type { Outgoing } from '../../model/message';

/**
 * Cuts a text into pieces of at most `max` characters for channels that refuse longer messages,
 * breaking between lines so a table row or a sentence on its own line is never cut in half. Only
 * a single line longer than `max` is cut inside, at exactly `max` characters. Characters are code
 * points, so an emoji is never split. Blank lines at a cut are dropped: a message does not start
 * or end with empty lines.
 */
export function splitText(text: string, max: number): string[] {
  if (!Number.isInteger(max) || max < 1) throw new Error(`max text length must be a positive integer, not ${max}`);
  if ([...text].length <= max) return [text];
  const pieces: string[] = [];
  let lines: string[] = [];
  let length = 0;
  const flush = () => {
    while (lines.at(-1) === '') lines.pop();
    if (lines.length) pieces.push(lines.join('\n'));
    lines = [];
    length = 0;
  };
  const add = (line: string, size: number) => {
    // The +1 is the newline joining it to the lines before.
    if (lines.length && length + 1 + size > max) flush();
    if (!lines.length && size === 0) return;
    length += (lines.length ? 1 : 0) + size;
    lines.push(line);
  };
  for (const line of text.split('\n')) {
    const chars = [...line];
    if (chars.length <= max) add(line, chars.length);
    else for (let i = 0; i < chars.length; i += max) add(chars.slice(i, i + max).join(''), Math.min(max, chars.length - i));
  }
  flush();
  return pieces;
}

/**
 * One message as the channel can take it: a text longer than `max` becomes several messages in
 * order. Only the first @-mentions (one notification, not one per piece); each piece gets its own
 * idempotency key, so a platform that dedupes sends keeps the pieces already delivered when the
 * outbox sends the whole message again. Cards and anything else go as they are.
 */
export function splitMessage(out: Outgoing, max: number | undefined): Outgoing[] {
  if (max === undefined || !('text' in out.content)) return [out];
  const texts = splitText(out.content.text, max);
  if (texts.length === 1) return [out];
  return texts.map((text, i) => ({
    ...out,
    content: { text },
    mentions: i === 0 ? out.mentions : [],
    idempotencyKey: out.idempotencyKey === undefined ? undefined : `${out.idempotencyKey}#${i + 1}`,
  }));
}

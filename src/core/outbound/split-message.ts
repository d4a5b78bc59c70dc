import type { ChannelCapabilities } from '../../channels/channel';
import type { Outgoing } from '../../model/message';

/**
 * The most one message may carry: in characters (Feishu, WeChat) or in UTF-8 bytes (WeCom, where
 * a Chinese character takes three). A number is a limit in characters.
 */
export type TextLimit = number | { characters?: number; bytes?: number };

/** The limit a channel declares: in bytes where it counts bytes (WeCom), else in characters; none for the terminal. */
export function textLimitOf(capabilities: ChannelCapabilities): TextLimit | undefined {
  if (capabilities.maxTextBytes !== undefined) return { bytes: capabilities.maxTextBytes };
  return capabilities.maxTextLength;
}

/** Measures a piece of text against a limit: its size in the limit's unit, and the limit. */
interface Measure {
  size(text: string): number;
  max: number;
}

const encoder = new TextEncoder();

function measureOf(limit: TextLimit): Measure {
  const { characters, bytes } = typeof limit === 'number' ? { characters: limit, bytes: undefined } : limit;
  const max = bytes ?? characters;
  if (max === undefined || !Number.isInteger(max) || max < 1 || (bytes !== undefined && bytes < 4)) {
    throw new Error(`a text limit must be a positive integer (bytes at least 4), not ${JSON.stringify(limit)}`);
  }
  if (bytes !== undefined && characters !== undefined) throw new Error('a text limit is in characters or in bytes, not both');
  return bytes !== undefined ? { size: (text) => encoder.encode(text).length, max } : { size: (text) => [...text].length, max };
}

/**
 * Cuts a text into pieces of at most `limit` characters (or UTF-8 bytes) for channels that refuse
 * longer messages, breaking between lines so a table row or a sentence on its own line is never
 * cut in half. Only a single line longer than the limit is cut inside, as late as the limit allows.
 * Characters are code points, so an emoji or a Chinese character is never split. Blank lines at a
 * cut are dropped: a message does not start or end with empty lines.
 */
export function splitText(text: string, limit: TextLimit): string[] {
  const { size, max } = measureOf(limit);
  if (size(text) <= max) return [text];
  const pieces: string[] = [];
  let lines: string[] = [];
  let length = 0;
  const flush = () => {
    while (lines.at(-1) === '') lines.pop();
    if (lines.length) pieces.push(lines.join('\n'));
    lines = [];
    length = 0;
  };
  const add = (line: string, lineSize: number) => {
    // The +1 is the newline joining it to the lines before (one byte, one character).
    if (lines.length && length + 1 + lineSize > max) flush();
    if (!lines.length && lineSize === 0) return;
    length += (lines.length ? 1 : 0) + lineSize;
    lines.push(line);
  };
  for (const line of text.split('\n')) {
    const lineSize = size(line);
    if (lineSize <= max) {
      add(line, lineSize);
      continue;
    }
    let part = '';
    let partSize = 0;
    for (const char of line) {
      const charSize = size(char);
      if (partSize + charSize > max) {
        add(part, partSize);
        part = '';
        partSize = 0;
      }
      part += char;
      partSize += charSize;
    }
    add(part, partSize);
  }
  flush();
  return pieces;
}

/**
 * One message as the channel can take it: a text longer than `limit` becomes several messages in
 * order. Only the first @-mentions (one notification, not one per piece); each piece gets its own
 * idempotency key, so a platform that dedupes sends keeps the pieces already delivered when the
 * outbox sends the whole message again. Cards and anything else go as they are.
 */
export function splitMessage(out: Outgoing, limit: TextLimit | undefined): Outgoing[] {
  if (limit === undefined || !('text' in out.content)) return [out];
  const texts = splitText(out.content.text, limit);
  if (texts.length === 1) return [out];
  return texts.map((text, i) => ({
    ...out,
    content: { text },
    mentions: i === 0 ? out.mentions : [],
    idempotencyKey: out.idempotencyKey === undefined ? undefined : `${out.idempotencyKey}#${i + 1}`,
  }));
}

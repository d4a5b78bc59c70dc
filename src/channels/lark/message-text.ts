import { z } from '../../zod';

const textContent = z.object({ text: z.string() });

/** A rich-text ("post") element; only what carries words is read. */
const postElement = z.object({ tag: z.string(), text: z.string().optional(), user_id: z.string().optional() }).loose();
const postContent = z.object({ title: z.string().optional(), content: z.array(z.array(postElement)) });

/**
 * The words of a received message: a text message's text, or a rich-text message's title and
 * paragraphs (people paste formatted text, or write in the rich editor, as often as plain text).
 * Mentions stay as their `@_user_N` keys for the caller to resolve. Undefined when there are no
 * words: an image, a file, a sticker, or a rich-text message of images only.
 */
export function messageText(messageType: string, rawContent: string): string | undefined {
  const content = safeJson(rawContent);
  if (messageType === 'text') return textContent.safeParse(content).data?.text;
  if (messageType !== 'post') return undefined;
  const post = postContent.safeParse(content).data;
  if (!post) return undefined;
  const paragraphs = post.content.map((paragraph) => paragraph.map(elementText).join('').trim()).filter(Boolean);
  const lines = [post.title?.trim(), ...paragraphs].filter((line): line is string => Boolean(line));
  return lines.length > 0 ? lines.join('\n') : undefined;
}

function elementText(element: z.infer<typeof postElement>): string {
  switch (element.tag) {
    case 'text':
    case 'a':
    case 'code_block':
      return element.text ?? '';
    case 'at':
      return element.user_id ? ` ${element.user_id} ` : '';
    default:
      return '';
  }
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

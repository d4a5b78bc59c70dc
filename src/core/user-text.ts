/** The longest message the bot takes from a person; anything longer is surely pasted by mistake. */
export const MAX_MESSAGE_LENGTH = 2000;

/** How much of a person's own text a reply repeats back. */
const ECHO_CHARACTERS = 30;

/**
 * A person's text as a reply quotes it (「…」不是可选的选项): at most 30 characters, then "…".
 * Counted in code points, so an emoji is never cut in half.
 */
export function clip(text: string, max = ECHO_CHARACTERS): string {
  const chars = [...text.trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max).join('')}…`;
}

/**
 * The text without a leading @-mention of the bot itself (「@信用助手 你好」): people type it in a
 * direct chat too, out of group habit, and it must not hide a command or small talk.
 */
export function withoutOwnMention(text: string, botName: string): string {
  const trimmed = text.trim();
  const mention = /^[@＠]\s*/.exec(trimmed);
  if (!mention || !trimmed.slice(mention[0].length).startsWith(botName)) return trimmed;
  return trimmed.slice(mention[0].length + botName.length).trim();
}

/** The longest message the bot takes from a person; anything longer is surely pasted by mistake. */
export const MAX_MESSAGE_LENGTH = 2000;

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

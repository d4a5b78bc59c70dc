/** WeChat separates an @-mention from what follows with a four-per-em space (U+2005), or a plain one. */
const MENTION_END = '[\\u2005\\u0020\\u00a0]|$';

export interface BotMention {
  /** The text without the bot's @-mention, spaces tidied. */
  text: string;
  mentionsBot: boolean;
}

/**
 * Finds and removes "@<the bot>" in a group message. The bot may be called by its WeChat name, its
 * name in the group or its name in org.yaml; the puppet's own mention list (`mentioned`) counts too,
 * but is not relied on, since not every puppet fills it in.
 */
export function takeBotMention(text: string, botNames: string[], mentioned: boolean): BotMention {
  let mentionsBot = mentioned;
  let rest = text.replace(/＠/g, '@');
  for (const name of [...new Set(botNames.filter(Boolean))].sort((a, b) => b.length - a.length)) {
    const pattern = new RegExp(`@${escapeRegExp(name)}(?:${MENTION_END})`, 'g');
    if (pattern.test(rest)) {
      mentionsBot = true;
      rest = rest.replace(pattern, ' ');
    }
  }
  return { text: rest.replace(/\u2005/g, ' ').replace(/[ \t]{2,}/g, ' ').trim(), mentionsBot };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

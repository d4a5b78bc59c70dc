import type { Roster } from '../org/roster';

export interface TypedMentions {
  /** The text without the bot's @-mention. */
  text: string;
  mentionsBot: boolean;
  /** Roster ids of the other people @-mentioned. */
  mentions: string[];
}

/**
 * Finds "@信用助手" and "@王芳" in text typed at the console or written in a simulate script.
 * Names are matched longest first, since Chinese has no space after a name ("@王芳请报送").
 */
export function parseTypedMentions(input: string, roster: Roster): TypedMentions {
  const names: Array<[string, string | null]> = [
    [roster.botName, null],
    ...roster.people.flatMap((p): Array<[string, string]> => [[p.name, p.id], [p.id, p.id]]),
  ];
  names.sort((a, b) => b[0].length - a[0].length);
  let mentionsBot = false;
  const mentions: string[] = [];
  const text = input.replace(/[@＠]/g, '@').replace(/@(\S+)/g, (whole, rest: string) => {
    const hit = names.find(([name]) => rest.startsWith(name));
    if (!hit) return whole;
    const [name, id] = hit;
    if (id === null) {
      mentionsBot = true;
      return rest.slice(name.length);
    }
    if (!mentions.includes(id)) mentions.push(id);
    return whole;
  });
  return { text: text.trim(), mentionsBot, mentions };
}

/** How much of a person's own text a reply repeats back. */
const ECHO_CHARACTERS = 30;

/** A single word quoted back (a command's argument that was not understood) is cut shorter. */
export const WORD_ECHO = 20;

/**
 * A person's text as a reply quotes it (「…」不是可选的选项): at most 30 characters, then "…".
 * Counted in code points, so an emoji is never cut in half.
 */
export function clip(text: string, max = ECHO_CHARACTERS): string {
  const chars = [...text.trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max).join('')}…`;
}

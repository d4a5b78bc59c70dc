/** A clause heading at the start of a line: 一、 （一） 1. 1． 1、 （1）. */
export const HEADING_MARKER = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}\s*[.．、](?!\d)|[（(]\d{1,2}[）)])/;

const PAGE_NUMBER = /^[—－\-–]*\s*\d{1,3}\s*[—－\-–]*$/;
const SENTENCE_END = /[。；;！!？?：:]["”’」』）)]?$/;

/**
 * Joins the lines of text extracted from a PDF into paragraphs, mending lines broken
 * mid-sentence: a line starts a new paragraph when the previous one ended a sentence or was a
 * clause title, or when it opens with a clause marker.
 */
export function toParagraphs(lines: string[]): string[] {
  const paragraphs: string[] = [];
  let current = '';
  for (const line of lines) {
    const startsNew = !current || SENTENCE_END.test(current) || HEADING_MARKER.test(line) || isHeadingLine(current);
    if (startsNew) {
      if (current) paragraphs.push(current);
      current = line;
    } else {
      current = collapseSpaces(`${current}${line}`);
    }
  }
  if (current) paragraphs.push(current);
  return paragraphs;
}

/** The document's lines without blank lines, page numbers, running headers and stray spaces. */
export function cleanLines(raw: string): string[] {
  const lines = raw
    .split(/\r?\n/)
    .map((l) => collapseSpaces(l.trim()))
    .filter((l) => l && !PAGE_NUMBER.test(l));
  const repeated = runningHeaders(lines);
  return lines.filter((l) => !repeated.has(l));
}

/** Drops the spaces PDF extraction puts between characters (2022 年 4 月 → 2022年4月); spaces
 * stay only between Latin words ("Google Calendar"). */
export function collapseSpaces(text: string): string {
  return text.replace(/[ \t\u3000\u00a0]+/g, (space, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? '';
    const after = whole[offset + space.length] ?? '';
    return /[A-Za-z0-9]/.test(before) && /[A-Za-z]/.test(after) ? ' ' : '';
  });
}

/** A clause title on its own line (一、总体要求) ends its paragraph even without a full stop. */
function isHeadingLine(line: string): boolean {
  return HEADING_MARKER.test(line) && line.length <= 30 && !/[。，,、；;：:]/.test(line);
}

/**
 * Lines that recur on many pages (a document's running header or footer). A header is a title:
 * a short line that recurs but has sentence punctuation or closes a bracket is the tail of a
 * recurring sentence (…领导小组有关成员单位）), which must stay.
 */
function runningHeaders(lines: string[]): Set<string> {
  const counts = new Map<string, number>();
  for (const line of lines) if (line.length <= 40 && !/[，、；：。）)]/.test(line)) counts.set(line, (counts.get(line) ?? 0) + 1);
  return new Set([...counts].filter(([line, n]) => n >= 3 && !HEADING_MARKER.test(line)).map(([line]) => line));
}

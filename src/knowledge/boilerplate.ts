/**
 * The parts of an official document that are never an answer to anything: its letterhead (发文机关
 * 文件, 文号, 签发人), the cover notice that sends it out (关于印发…的通知, 各科室：), the signature (the agency and the date on lines of their own), the 抄送/印发
 * footer and its rules. Quoted, they make junk answers to questions that share a date or a word
 * with them (今天 → a signature's date), so they are dropped before the text is cut into passages. The document's number and date are read
 * earlier, from the whole text (metadata.ts).
 */

/** Letterhead, only at the very top: 济南市历城区行政审批服务局文件 (PDF extraction may lose 文); no sentence punctuation. */
const LETTERHEAD = /^[^，。；、：:,（）()《》“”\s]{4,30}(?:文件|件)$/;
const HEAD_LINES = 3;
const LINE_PATTERNS = [
  // 文号 alone: 济历城行审发〔2022〕2号.
  /^\S{0,20}[〔[]\d{4}[〕\]]\d{1,4}号$/,
  /^签发人[:：]/,
  // Footer: separators, 抄送, …印发.
  /^[_＿\-—－=·.\s]{5,}$/,
  /^抄\s*送[:：]/,
  /\d{4}年\d{1,2}月\d{1,2}日印发/,
  // The cover notice that sends the plan out: its title, addressees and "现印发给你们" line.
  /^[^，。；]*关于印发.*的通知$/,
  /^[^，。；、]{2,20}[:：]$/,
  /现印发给你们|请结合实际认真贯彻执行|请认真贯彻执行|请认真抓好落实/,
];
/** A signature's date on its own line; the agency line just above it goes with it. */
const SIGNATURE_DATE = /^\d{4}年\d{1,2}月\d{1,2}日$/;
const AGENCY = /^[^，。；、：:,（）()《》“”\s]{2,40}(?:局|办公室|中心|委员会|政府|小组|办事处)$/;

export function withoutBoilerplate(lines: string[]): string[] {
  const kept: string[] = [];
  lines.forEach((line, i) => {
    if (SIGNATURE_DATE.test(line)) {
      if (AGENCY.test(kept.at(-1) ?? '')) kept.pop();
      return;
    }
    if ((i < HEAD_LINES && LETTERHEAD.test(line)) || LINE_PATTERNS.some((p) => p.test(line))) return;
    // A rule run into the footer's text (…2020年3月27日印发_____) is cut off.
    const text = line.replace(/[_＿]{5,}.*$/, '');
    if (text) kept.push(text);
  });
  return kept;
}

/** A leading group's member list (组长：…, 成员名单): an answer only to who is in the group. */
export const MEMBER_LIST = /组\s*长[:：]|成员名单/;

/** Whether a quoted text is boilerplate, never to be given as an answer (checked by `npm run bench:qa`). */
export function isBoilerplate(quote: string): boolean {
  const text = quote.replace(/^……|……$/g, '').trim();
  return withoutBoilerplate([text]).length === 0 || /^[_＿\-—－=·.\s]*$/.test(text);
}

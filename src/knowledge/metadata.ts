import path from 'node:path';

export interface DocumentMeta {
  /** 《…》 in citations. */
  title: string;
  /** 文号, e.g. 济历城行审发〔2022〕2号. */
  number?: string;
  /** Issue date as written, e.g. 2022年2月28日. */
  date?: string;
}

const TITLE_END = /(方案|意见|办法|规定|细则|规划|通知|决定|制度|要点|指引|指南|须知|公告|通告|纲要|条例|标准)$/;
const DOC_NUMBER = /[\u4e00-\u9fa5]{2,14}〔\d{4}〕\d{1,4}号/;
const DATE = /\d{4}年\d{1,2}月\d{1,2}日/;

/**
 * Title, number and date from the first lines of an official document. The title is the first short
 * line ending like a title (…方案), joined with the line before it when the title was broken in
 * two; a covering notice (关于印发《…》的通知) gives way to the document it issues.
 */
export function extractMeta(lines: string[], file: string): DocumentMeta {
  const head = lines.slice(0, 40);
  const text = lines.join('\n');
  const candidates = head
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p.length <= 60 && TITLE_END.test(p) && !/印发/.test(p) && !/[。；，]/.test(p));
  let title = candidates[0] ? withBrokenStart(head, candidates[0].i) : path.basename(file, path.extname(file));
  title = title.replace(/^[\s《]+|[》\s]+$/g, '');
  return { title, number: DOC_NUMBER.exec(text)?.[0], date: issueDate(lines) };
}

function withBrokenStart(head: string[], index: number): string {
  const line = head[index]!;
  const previous = head[index - 1];
  // "济南市济阳区行政审批服务局" + "2022年信用体系建设工作实施方案"
  if (previous && previous.length <= 20 && /(局|办|委|会|厅|区|市|府)$/.test(previous) && !DOC_NUMBER.test(previous)) return `${previous}${line}`;
  return line;
}

/** The 印发 date if printed; else a date standing on its own line: near the head, or the signature at the end. */
function issueDate(lines: string[]): string | undefined {
  const printed = lines.map((l) => /(\d{4}年\d{1,2}月\d{1,2}日)印发/.exec(l)?.[1]).find(Boolean);
  if (printed) return printed;
  const standalone = lines.map((l, i) => ({ l, i })).filter(({ l }) => new RegExp(`^${DATE.source}$`).test(l));
  return (standalone.find(({ i }) => i < 40) ?? standalone.at(-1))?.l;
}

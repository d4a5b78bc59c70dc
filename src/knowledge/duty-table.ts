import { t } from '../prompts';
import { withoutBoilerplate } from './boilerplate';
import type { Chunk } from './chunker';
import { cleanLines, collapseSpaces } from './normalize';

/**
 * Appendix task tables (主要任务 | 工作要点 | 牵头单位 | 责任单位): PDF extraction turns them into a
 * stream of wrapped cell fragments, where a row's units run into its task name and merged cells
 * appear once for several rows. Read as prose, no sentence says who leads what. This reads them
 * back into rows, one passage each, so "电子商务领域谁牵头" finds the row and quotes its units.
 */

/** The table's column header, repeated on every page. */
const TABLE_HEADER = /牵头单位.*责任单位|责任单位.*牵头单位/;
/** 附件 (or 附件1) on a line of its own, above the table's title. */
const APPENDIX_MARK = /^附件\d*$/;
const SECTION_START = /^[一二三四五六七八九十]+、/;
/** A row's number, also where extraction ran it into the end of the previous cell (…单位2.建立…). */
const ROW_START = /(?:^|(?<=[\u4e00-\u9fa5）)]))\d{1,2}[.．](?=[\u4e00-\u9fa5“])/g;
/**
 * A unit's name: 区信用办, 区委宣传部（网信办）, 莱芜公安分局, or a collective (区直各有关单位…).
 * No 区 inside a name, so 跨地区信用联合奖惩机制 holds no unit.
 */
const UNIT = /(?:区|莱芜)[^区、，。；\s]{0,10}?(?:局|办|院|部|委|中心|所)(?:[（(][^）)]{1,6}[）)])?|区直[^；。]*?(?:单位|部门)|领导小组[^、；。]*?单位/g;

export interface DutyRow {
  /** 六、 */
  section: string;
  sectionTitle: string;
  /** 11 */
  no: string;
  task: string;
  lead: string;
  responsible: string;
}

/**
 * Splits a document's text into its body and the rows of its duty table, when it has one: the
 * table starts at its first column header, the line above is its title. Done on the raw text,
 * since cleaning drops the header as a running header.
 */
export function splitDutyTable(text: string): { body: string; title: string; rows: DutyRow[] } {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex(isColumnHeader);
  if (start < 0) return { body: text, title: '', rows: [] };
  const above = lines.slice(0, start).map((l) => collapseSpaces(l.trim()));
  const titleAt = above.findLastIndex((l) => l && !APPENDIX_MARK.test(l));
  const title = above[titleAt] ?? '';
  const tableLines = withoutBoilerplate(cleanLines(lines.slice(start).join('\n'))).filter((l) => !isColumnHeader(l) && !APPENDIX_MARK.test(l));
  // The 附件 mark above the title goes with the table.
  let bodyEnd = Math.max(0, titleAt);
  while (bodyEnd > 0 && (!above[bodyEnd - 1] || APPENDIX_MARK.test(above[bodyEnd - 1]!))) bodyEnd--;
  return { body: lines.slice(0, bodyEnd).join('\n'), title, rows: parseRows(tableLines) };
}

function isColumnHeader(line: string): boolean {
  return TABLE_HEADER.test(line) && !/[，。；：:]/.test(line);
}

interface RawRow {
  section: string;
  sectionTitle: string;
  no: string;
  lines: string[];
}

function parseRows(lines: string[]): DutyRow[] {
  const raw: RawRow[] = [];
  let section = '';
  let sectionTitle = '';
  /** Lines continuing a section's title; after a page break the repeated title is skipped. */
  let title: 'reading' | 'skipping' | null = null;
  for (const whole of lines) {
    for (const line of splitAtRowStarts(whole)) {
      const sectionMarker = SECTION_START.exec(line)?.[0];
      if (sectionMarker) {
        const sameSection = sectionMarker === section;
        section = sectionMarker;
        // A section repeated after a page break keeps its rows and title.
        if (!sameSection) sectionTitle = line.slice(sectionMarker.length);
        title = sameSection ? 'skipping' : 'reading';
        continue;
      }
      const row = /^(\d{1,2})[.．]/.exec(line);
      if (row) {
        title = null;
        raw.push({ section, sectionTitle, no: row[1]!, lines: [line.slice(row[0].length)] });
      } else if (title === 'reading') {
        sectionTitle += line;
      } else if (title === null && raw.length) {
        raw.at(-1)!.lines.push(line);
      }
    }
  }
  const rows = raw.map(readCells);
  fillMergedCells(rows);
  return rows;
}

/** "单位2.建立健全工作机制" → "单位", "2.建立健全工作机制". */
function splitAtRowStarts(line: string): string[] {
  const starts = [...line.matchAll(ROW_START)].map((m) => m.index).filter((i) => i > 0);
  const parts: string[] = [];
  let from = 0;
  for (const at of starts) {
    parts.push(line.slice(from, at));
    from = at;
  }
  parts.push(line.slice(from));
  return parts.filter(Boolean);
}

/**
 * A row's task name runs until its first unit; the lead units are the line that unit starts on
 * (with the lines it wraps onto); the lines after are the responsible units.
 */
function readCells({ section, sectionTitle, no, lines }: RawRow): DutyRow {
  const text = lines.join('');
  const firstUnit = text.search(new RegExp(UNIT.source));
  if (firstUnit < 0) return { section, sectionTitle, no, task: text, lead: '', responsible: '' };
  const task = text.slice(0, firstUnit);
  // Find the line the first unit begins on.
  let offset = 0;
  let line = 0;
  while (line < lines.length && offset + lines[line]!.length <= firstUnit) offset += lines[line++]!.length;
  let lead = lines[line]!.slice(firstUnit - offset);
  let next = line + 1;
  while (next < lines.length && endsMidName(lead)) lead += lines[next++]!;
  return { section, sectionTitle, no, task, lead, responsible: lines.slice(next).join('') };
}

/** A cell line that stops inside a unit's name (区农业 | 局) or after a separator continues on the next. */
function endsMidName(cell: string): boolean {
  if (/[、，]$/.test(cell)) return true;
  const units = [...cell.matchAll(UNIT)];
  const last = units.at(-1);
  return !last || last.index + last[0].length < cell.length;
}

/**
 * A merged cell is printed once for several rows of a section: a row without it takes the
 * nearest earlier row's, or, when the text sits lower in the cell, the nearest later one's.
 */
function fillMergedCells(rows: DutyRow[]): void {
  for (const field of ['lead', 'responsible'] as const) {
    rows.forEach((row, i) => {
      if (row[field]) return;
      const sameSection = (r: DutyRow) => r.section === row.section && r[field];
      row[field] = rows.slice(0, i).reverse().find(sameSection)?.[field] ?? rows.slice(i + 1).find(sameSection)?.[field] ?? '';
    });
  }
}

/** Each row as a passage: cited as 附件六、11, worded as the documents word duty notes. */
export function dutyChunks(title: string, rows: DutyRow[]): Chunk[] {
  return rows.map((row) => ({
    path: t('qa.appendix_clause', { section: row.section, no: row.no }),
    headings: [title, row.sectionTitle, row.task].filter(Boolean),
    text: row.responsible ? t('qa.duty_row', { ...row }) : t('qa.duty_row_lead_only', { ...row }),
  }));
}

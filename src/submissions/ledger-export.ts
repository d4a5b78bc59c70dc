import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import type { Roster } from '../org/roster';
import { t } from '../prompts';
import type { SubmissionsView } from './records';
import type { TaskCatalog } from '../tasks/catalog';
import { deadlineOf, monthLabel, type MonthKey } from '../tasks/period';
import type { Task } from '../tasks/schema';
import { formatLocalMinute } from '../time';
import { estimatedTotals, ledgerRows, tally, totalAnswers, type LedgerRow, type SectionTally } from './ledger-data';
import { computeMetrics } from './metrics';
import { progressMatrix, type Cell } from './progress';
import { formatAnswer, isVisible } from './summary';
import { fieldType } from './field-types';

export interface LedgerExport {
  file: string;
  taskCount: number;
  submissionCount: number;
}

/**
 * The month's 工作台账 as an .xlsx workbook that prints as the office's own ledger: a 汇总 sheet
 * of sections × tasks, then one sheet per task with each owing section's answers and rates (rates
 * as real percentages, so the coordinator can still sort and sum in Excel). Every sheet has a
 * merged title, 序号, borders, a frozen header, a 合计 line and A4-landscape print setup.
 */
export async function exportLedger(submissions: SubmissionsView, roster: Roster, catalog: TaskCatalog, month: MonthKey, dir: string): Promise<LedgerExport> {
  // Loaded when a ledger is first asked for: exceljs takes ~28 MB the bot otherwise never needs.
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  workbook.creator = roster.botName;
  addSummarySheet(workbook, submissions, roster, catalog, month);
  let submissionCount = 0;
  for (const task of catalog.tasks) {
    const rows = ledgerRows(submissions, roster, catalog, task, month);
    submissionCount += rows.filter((r) => r.counted).length;
    addTaskSheet(workbook, roster, catalog, task, month, rows);
  }
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, t('ledger.file_name', { month }));
  await workbook.xlsx.writeFile(file);
  return { file, taskCount: catalog.tasks.length, submissionCount };
}

function addSummarySheet(workbook: ExcelJS.Workbook, submissions: SubmissionsView, roster: Roster, catalog: TaskCatalog, month: MonthKey): void {
  const matrix = progressMatrix(submissions, roster, catalog, month);
  const tallies = matrix.map((row) => tally(row.cells.map((c) => c.cell)));
  const sum = (pick: (x: SectionTally) => number) => tallies.reduce((a, x) => a + pick(x), 0);
  writeTable(workbook.addWorksheet(t('ledger.sheet_summary')), {
    title: t('ledger.title', { department: roster.department.name, month: monthLabel(month) }),
    note: t('ledger.summary_note'),
    columns: [
      { header: t('ledger.col_no'), kind: 'index' },
      { header: t('ledger.col_section'), kind: 'name' },
      ...catalog.tasks.map((task): Column => ({ header: task.short, kind: 'status' })),
      { header: t('ledger.col_owed'), kind: 'number' },
      { header: t('ledger.col_done'), kind: 'number' },
      { header: t('ledger.col_late'), kind: 'number' },
      { header: t('ledger.col_missing'), kind: 'number' },
    ],
    rows: matrix.map((row, i) => {
      const x = tallies[i]!;
      return [i + 1, row.section.name, ...row.cells.map((c) => statusText(c.cell)), x.owed, x.done, x.late, x.missing];
    }),
    total: [
      null,
      t('ledger.total'),
      ...catalog.tasks.map((_, j) => {
        const cells = tally(matrix.map((row) => row.cells[j]!.cell));
        return t('ledger.total_done', { done: cells.done, owed: cells.owed });
      }),
      sum((x) => x.owed),
      sum((x) => x.done),
      sum((x) => x.late),
      sum((x) => x.missing),
    ],
  });
}

function addTaskSheet(workbook: ExcelJS.Workbook, roster: Roster, catalog: TaskCatalog, task: Task, month: MonthKey, rows: LedgerRow[]): void {
  const totals = totalAnswers(task, rows);
  const estimatedTotal = estimatedTotals(rows);
  const totalMetrics = totals ? computeMetrics(task, totals) : undefined;
  const done = rows.filter((r) => r.counted).length;
  const owed = rows.filter((r) => r.status !== 'exempt').length;
  writeTable(workbook.addWorksheet(sheetName(task.short)), {
    title: t('ledger.task_title', { department: roster.department.name, month: monthLabel(month), task: task.name }),
    note: t('ledger.task_note', { basis: task.basis, due: formatLocalMinute(deadlineOf(task, month, catalog)) }),
    columns: [
      { header: t('ledger.col_no'), kind: 'index' },
      { header: t('ledger.col_section'), kind: 'name' },
      { header: t('ledger.col_status'), kind: 'status' },
      { header: t('ledger.col_submitter'), kind: 'status' },
      { header: t('ledger.col_time'), kind: 'time' },
      ...task.fields.map((f): Column => {
        const { ledger } = fieldType(f);
        return { header: ledger.header(f), kind: ledger.kind };
      }),
      ...task.metrics.map((m): Column => ({ header: m.label, kind: m.format === 'count' ? 'number' : 'percent' })),
      { header: t('ledger.col_remark'), kind: 'text' },
    ],
    rows: rows.map((row, i) => {
      const s = row.submission;
      const who = s ? [roster.person(s.submittedBy)?.name ?? s.submittedBy, formatLocalMinute(new Date(s.submittedAt))] : [null, null];
      // A returned submission's figures were rejected: they are neither shown nor totalled.
      const figures = row.counted && s ? answerCells(task, s.answers, new Set(row.estimated)) : [...task.fields, ...task.metrics].map(() => null);
      return [i + 1, row.section.name, statusText(row.status), ...who, ...figures, row.remark ?? null];
    }),
    total: [
      null,
      t('ledger.total'),
      t('ledger.total_done', { done, owed }),
      null,
      null,
      ...task.fields.map((f) => {
        const value = totals?.[f.id];
        if (typeof value === 'number') return estimatedTotal.has(f.id) ? { estimate: value } : value;
        return Array.isArray(value) ? value.length : null;
      }),
      ...task.metrics.map((_, i) => (totalMetrics ? metricCell(totalMetrics[i]!.value) : null)),
      null,
    ],
  });
}

/** A counted submission's answers and rates as cells: numbers stay numbers, estimates among them marked. */
function answerCells(task: Task, answers: Record<string, unknown>, estimated: ReadonlySet<string>): TableCell[] {
  const fields = task.fields.map((f): TableCell => {
    if (!isVisible(f, answers)) return t('ledger.status_not_owed');
    const value = answers[f.id];
    if (typeof value !== 'number') return formatAnswer(f, value);
    return estimated.has(f.id) ? { estimate: value } : value;
  });
  return [...fields, ...computeMetrics(task, answers).map((m) => metricCell(m.value))];
}

function metricCell(value: number | null): TableCell {
  return value ?? t('ledger.not_applicable');
}

function statusText(cell: Cell): string {
  switch (cell) {
    case 'on_time':
      return t('ledger.status_on_time');
    case 'late':
      return t('ledger.status_late');
    case 'missing':
      return t('ledger.status_missing');
    case 'returned':
      return t('ledger.status_returned');
    case 'exempt':
      return t('ledger.status_exempt');
    case 'not_owed':
      return t('ledger.status_not_owed');
  }
}

type ColumnKind = 'index' | 'name' | 'status' | 'time' | 'number' | 'percent' | 'text';

interface Column {
  header: string;
  kind: ColumnKind;
}

/** A number given as an estimate: stays a number (sums still work), shown as 约120. */
interface Estimate {
  estimate: number;
}

type TableCell = ExcelJS.CellValue | Estimate;

const isEstimate = (cell: TableCell): cell is Estimate => typeof cell === 'object' && cell !== null && 'estimate' in cell;

/** Excel's display of an estimate: the number with 约 before it; its value is unchanged. */
const ESTIMATE_FORMAT = `"${t('answer.approximate', { value: '' })}"General`;

interface Table {
  title: string;
  note: string;
  columns: Column[];
  rows: TableCell[][];
  total: TableCell[];
}

const TITLE_ROW = 1;
const NOTE_ROW = 2;
const HEADER_ROW = 3;
/**
 * Column widths in Excel's units (about one Latin character; a Chinese character takes two).
 * None may be 9: exceljs takes 9 for its default width and leaves it out of the file.
 */
const WIDTH_LIMITS: Record<ColumnKind, [number, number]> = {
  index: [6, 6],
  name: [14, 28],
  status: [10, 14],
  time: [17, 17],
  number: [10, 14],
  percent: [10, 12],
  text: [14, 40],
};
/** Headers wrap onto up to this many lines before their column is widened for them. */
const HEADER_LINES = 3;
const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const GREY = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } } as const;

/** Title, note, header, rows and 合计, laid out and set up to print like a paper ledger. */
function writeTable(sheet: ExcelJS.Worksheet, table: Table): void {
  const last = table.columns.length;
  sheet.getRow(TITLE_ROW).values = [table.title];
  sheet.mergeCells(TITLE_ROW, 1, TITLE_ROW, last);
  const title = sheet.getCell(TITLE_ROW, 1);
  title.font = { name: '黑体', size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(TITLE_ROW).height = 32;

  sheet.getRow(NOTE_ROW).values = [table.note];
  sheet.mergeCells(NOTE_ROW, 1, NOTE_ROW, last);
  sheet.getCell(NOTE_ROW, 1).alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
  sheet.getRow(NOTE_ROW).height = 20;

  const header = sheet.getRow(HEADER_ROW);
  header.values = table.columns.map((c) => c.header);
  header.font = { bold: true };
  const valueOf = (cell: TableCell): ExcelJS.CellValue => (isEstimate(cell) ? cell.estimate : cell);
  const body = table.rows.map((values) => sheet.addRow(values.map(valueOf)));
  const total = sheet.addRow(table.total.map(valueOf));
  const cellsOf = new Map([...body.map((row, i) => [row, table.rows[i]!] as const), [total, table.total] as const]);
  total.font = { bold: true };

  const widths = table.columns.map((column, i) => columnWidth(column, [...table.rows, table.total].map((r) => r[i]!)));
  widths.forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  header.height = 15 * Math.max(...table.columns.map((c, i) => Math.ceil(displayWidth(c.header) / (widths[i]! - 2)))) + 6;

  for (const row of [header, ...body, total]) {
    table.columns.forEach((column, i) => {
      const cell = row.getCell(i + 1);
      cell.border = BORDER;
      if (row === header) {
        cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
        cell.fill = GREY;
        return;
      }
      cell.alignment = alignmentOf(column.kind, typeof cell.value === 'number');
      if (typeof cell.value === 'number') cell.numFmt = isEstimate(cellsOf.get(row)![i]!) ? ESTIMATE_FORMAT : column.kind === 'percent' ? '0.0%' : '0';
      if (row === total) cell.fill = GREY;
    });
  }

  sheet.views = [{ state: 'frozen', xSplit: 2, ySplit: HEADER_ROW, topLeftCell: `C${HEADER_ROW + 1}` }];
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
    printArea: `A1:${sheet.getColumn(last).letter}${total.number}`,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  sheet.headerFooter.oddFooter = `&C${t('ledger.page_footer')}`;
}

function alignmentOf(kind: ColumnKind, numeric: boolean): Partial<ExcelJS.Alignment> {
  if (numeric) return { horizontal: kind === 'index' ? 'center' : 'right', vertical: 'middle' };
  if (kind === 'name' || kind === 'text') return { horizontal: 'left', vertical: 'middle', wrapText: true };
  return { horizontal: 'center', vertical: 'middle', wrapText: true };
}

/** Wide enough for the cells (up to the kind's limit, beyond which they wrap) and the wrapped header. */
function columnWidth(column: Column, values: TableCell[]): number {
  const [min, max] = WIDTH_LIMITS[column.kind];
  const shown = (v: TableCell): number => (v === null || v === undefined ? 0 : isEstimate(v) ? displayWidth(t('answer.approximate', { value: v.estimate })) : column.kind === 'percent' && typeof v === 'number' ? 6 : displayWidth(String(v)));
  const content = Math.max(0, ...values.map(shown));
  const header = Math.ceil(displayWidth(column.header) / HEADER_LINES);
  return Math.min(max, Math.max(min, content + 2, header + 2));
}

/** Chinese characters and full-width punctuation take two columns. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.codePointAt(0)! >= 0x2e80 ? 2 : 1;
  return width;
}

/** Excel refuses some characters in sheet names and more than 31 characters. */
function sheetName(name: string): string {
  return name.replace(/[\\/?*[\]:]/g, '').slice(0, 31);
}

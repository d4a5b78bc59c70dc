import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Roster } from '../org/roster';
import type { Db } from '../store/schema';
import type { TaskCatalog } from '../tasks/catalog';
import { monthLabel, type MonthKey } from '../tasks/period';
import { formatLocalMinute } from '../time';
import { computeMetrics } from './metrics';
import { progressMatrix } from './progress';
import { currentSubmission, sectionStatus, type SubmissionStatus } from './records';
import { formatAnswer, isVisible } from './summary';

const STATUS_TEXT: Record<SubmissionStatus | 'not_owed', string> = {
  on_time: '按时',
  late: '逾期',
  missing: '未报',
  returned: '退回',
  exempt: '免报',
  not_owed: '—',
};

export interface LedgerExport {
  file: string;
  taskCount: number;
  submissionCount: number;
}

/**
 * The month's 工作台账 as an .xlsx workbook: a summary sheet of sections × tasks, then one sheet
 * per task with each owing section's answers and computed rates (rates as real percentages, so
 * the coordinator can sort and sum in Excel).
 */
export async function exportLedger(db: Readonly<Db>, roster: Roster, catalog: TaskCatalog, month: MonthKey, dir: string): Promise<LedgerExport> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = roster.botName;
  const summary = workbook.addWorksheet('汇总');
  summary.addRow([`${roster.department.name} ${monthLabel(month)} 信用监测工作台账`]).font = { bold: true, size: 14 };
  summary.addRow(['科室', ...catalog.tasks.map((t) => t.short)]).font = { bold: true };
  for (const row of progressMatrix(db, roster, catalog, month)) {
    summary.addRow([row.section.name, ...row.cells.map((c) => STATUS_TEXT[c.cell])]);
  }
  summary.getColumn(1).width = 26;

  let submissionCount = 0;
  for (const task of catalog.tasks) {
    const sheet = workbook.addWorksheet(sheetName(task.short));
    sheet.addRow([`${task.name}（${task.basis}）`]).font = { bold: true };
    sheet.addRow(['科室', '状态', '提交人', '提交时间', ...task.fields.map((f) => f.label), ...task.metrics.map((m) => m.label)]).font = { bold: true };
    for (const sectionId of catalog.sectionsOwing(task)) {
      const submission = currentSubmission(db, month, task.id, sectionId);
      const section = roster.section(sectionId)!;
      const status = STATUS_TEXT[sectionStatus(db, month, task.id, sectionId)];
      if (!submission) {
        sheet.addRow([section.name, status]);
        continue;
      }
      submissionCount++;
      const answers = submission.answers;
      const fieldCells = task.fields.map((f) => {
        if (!isVisible(f, answers)) return '—';
        const value = answers[f.id];
        return typeof value === 'number' ? value : formatAnswer(f, value);
      });
      const metricCells = computeMetrics(task, answers).map((m) => m.value ?? '不适用');
      const row = sheet.addRow([
        section.name,
        status,
        roster.person(submission.submittedBy)?.name ?? submission.submittedBy,
        formatLocalMinute(new Date(submission.submittedAt)),
        ...fieldCells,
        ...metricCells,
      ]);
      task.metrics.forEach((m, i) => {
        if (m.format === 'percent') row.getCell(5 + task.fields.length + i).numFmt = '0.0%';
      });
    }
    sheet.getColumn(1).width = 26;
    sheet.getColumn(4).width = 18;
  }

  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `信用监测台账-${month}.xlsx`);
  await workbook.xlsx.writeFile(file);
  return { file, taskCount: catalog.tasks.length, submissionCount };
}

/** Excel refuses some characters in sheet names and more than 31 characters. */
function sheetName(name: string): string {
  return name.replace(/[\\/?*[\]:]/g, '').slice(0, 31);
}

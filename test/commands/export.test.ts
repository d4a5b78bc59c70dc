import { existsSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { lastTo, scriptFrom } from '../helpers/script';
import { simulate } from '../helpers/simulate';
import { tempDir } from '../helpers/temp-dir';

const ROSTER_ORDER = ['办公室', '组织人事科', '商事登记项目审批服务科', '社会事务项目审批服务科', '建设项目审批服务科', '政务服务体系建设指导科', '监督考核科', '综合受理窗口'];

/** 商事登记科 on time, 社会事务科 submitted and then returned, 建设项目科 exempt, 体系科 missing. */
async function exportNovember(): Promise<{ file: string; reply: string; delivered?: { name: string; path?: string }; workbook: ExcelJS.Workbook }> {
  const dataDir = tempDir();
  const s = scriptFrom('2026-11-20T09:00:00+08:00')
    .dm('wang-fang', '填报 双公示', '120', '120', '115', '118', '2', '2', '台账.xlsx', '确认')
    .dm('he-jing', '填报 双公示', '80', '80', '80', '60', '0', '0', '跳过', '确认')
    .dm('xu-wenbo', '退回 社会事务科 双公示 合规条数与平台不符，请核对', '免报 建设项目科 双公示 本月无许可事项', '导出');
  const out = await simulate(s.lines, { dataDir });
  const file = path.join(dataDir, 'exports', '信用监测台账-2026-11.xlsx');
  const workbook = new ExcelJS.Workbook();
  if (existsSync(file)) await workbook.xlsx.readFile(file);
  return { file, reply: lastTo(out, 'dm:xu-wenbo'), delivered: out.filter((l) => l.chat === 'dm:xu-wenbo').at(-1)?.file, workbook };
}

function cells(sheet: ExcelJS.Worksheet, row: number): unknown[] {
  return (sheet.getRow(row).values as unknown[]).slice(1);
}

describe('导出', () => {
  it('writes the month ledger: a 汇总 sheet and one sheet per task, sections in roster order', async () => {
    const { file, reply, delivered, workbook } = await exportNovember();
    // Simulate takes files: the workbook itself is delivered, with its caption.
    expect(delivered).toEqual({ name: '信用监测台账-2026-11.xlsx', path: file });
    expect(reply).toBe('已导出2026年11月工作台账（12 个任务，1 份提交）。\n[文件] 信用监测台账-2026-11.xlsx');
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['汇总', '制度学习', '双公示', '信用承诺', '信用动态', '重错码', '信易批', '诚信宣传', '信用核查', '失信事件', '异议修复', '平台月报', '红黑名单']);

    const summary = workbook.getWorksheet('汇总')!;
    expect(summary.getCell('A1').value).toBe('示例区行政审批服务局2026年11月信用监测工作台账');
    expect(cells(summary, 3).slice(0, 4)).toEqual(['序号', '科室', '制度学习', '双公示']);
    expect(cells(summary, 3).slice(-4)).toEqual(['应报', '已报', '其中逾期', '未报（含退回）']);
    expect([4, 5, 6, 7, 8, 9, 10, 11].map((r) => summary.getRow(r).getCell(2).value)).toEqual(ROSTER_ORDER);
    expect([4, 5, 6, 7, 8, 9, 10, 11].map((r) => summary.getRow(r).getCell(1).value)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // 双公示 column: — (not owed), 按时, 退回, 免报, 未报.
    expect([4, 6, 7, 8, 9].map((r) => summary.getRow(r).getCell(4).value)).toEqual(['—', '按时', '退回', '免报', '未报']);
    // 商事登记科 owes 10 tasks and has 1 in; 建设项目科's exempt task is not owed.
    expect(cells(summary, 6).slice(-4)).toEqual([10, 1, 0, 9]);
    expect(cells(summary, 8).slice(-4)).toEqual([9, 0, 0, 9]);
    const total = summary.getRow(12);
    expect(total.getCell(2).value).toBe('合计');
    expect(total.getCell(4).value).toBe('已报 1/3');
  });

  it('shows a returned submission as 退回 with its reason, its figures neither shown nor in 合计', async () => {
    const { workbook } = await exportNovember();
    const sheet = workbook.getWorksheet('双公示')!;
    expect(sheet.getCell('A1').value).toBe('示例区行政审批服务局2026年11月“双公示”（行政许可）信息报送台账');
    expect(sheet.getCell('A2').value).toBe('依据：历城方案 三、（一）2；槐荫方案 二、（一）3；截止：2026-11-26 18:00。退回的材料不计入合计，待重新报送。');
    const header = cells(sheet, 3);
    expect(header.slice(0, 6)).toEqual(['序号', '科室', '状态', '提交人', '提交时间', '本月作出的行政许可决定数（件）']);
    expect(header.at(-1)).toBe('备注');
    const remark = header.length;

    const commerce = sheet.getRow(4);
    expect(cells(sheet, 4).slice(0, 3)).toEqual([1, '商事登记项目审批服务科', '按时']);
    expect(commerce.getCell(4).value).toBe('王芳');
    expect(commerce.getCell(5).value).toMatch(/^2026-11-20 09:0\d$/);
    expect([6, 7, 8, 9, 10, 11].map((c) => commerce.getCell(c).value)).toEqual([120, 120, 115, 118, 2, 2]);
    expect(commerce.getCell(12).value).toBe('台账.xlsx');
    expect(commerce.getCell(14).value).toBeCloseTo(115 / 120, 6);
    expect(commerce.getCell(14).numFmt).toBe('0.0%');

    const social = sheet.getRow(5);
    expect(cells(sheet, 5).slice(0, 4)).toEqual([2, '社会事务项目审批服务科', '退回', '何静']);
    expect([6, 7, 8, 9, 10, 11, 12, 13, 14].map((c) => social.getCell(c).value)).toEqual(Array(9).fill(null));
    expect(social.getCell(remark).value).toMatch(/^退回理由：合规条数与平台不符，请核对（许文博 2026-11-20 09:\d\d 退回）$/);
    expect(cells(sheet, 6).slice(0, 3)).toEqual([3, '建设项目审批服务科', '免报']);
    expect(sheet.getRow(6).getCell(remark).value).toBe('免报理由：本月无许可事项');
    expect(cells(sheet, 7).slice(0, 3)).toEqual([4, '政务服务体系建设指导科', '未报']);

    // 合计 counts 商事登记科 only: 社会事务科's returned 80 is not added.
    const total = sheet.getRow(8);
    expect([2, 3].map((c) => total.getCell(c).value)).toEqual(['合计', '已报 1/3']);
    expect([6, 7, 8, 9, 10, 11].map((c) => total.getCell(c).value)).toEqual([120, 120, 115, 118, 2, 2]);
    expect(total.getCell(14).value).toBeCloseTo(115 / 120, 6);
    expect(total.font.bold).toBe(true);

    // Roster order also where tasks.yaml lists the sections otherwise ([personnel, office, system]).
    const rules = workbook.getWorksheet('制度学习')!;
    expect([4, 5, 6].map((r) => rules.getRow(r).getCell(2).value)).toEqual(['办公室', '组织人事科', '政务服务体系建设指导科']);
  });

  it('marks estimates 约 in the cell format and the 备注, keeping them numbers that still sum', async () => {
    const dataDir = tempDir();
    const s = scriptFrom('2026-11-20T09:00:00+08:00')
      .dm('wang-fang', '填报 双公示', '大概120', '120', '115', '118', '2', '2', '台账.xlsx', '确认')
      .dm('he-jing', '填报 双公示', '80', '80', '80', '60', '0', '0', '跳过', '确认')
      .dm('xu-wenbo', '导出');
    await simulate(s.lines, { dataDir });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(dataDir, 'exports', '信用监测台账-2026-11.xlsx'));
    const sheet = workbook.getWorksheet('双公示')!;
    const remark = cells(sheet, 3).length;
    const [commerce, social, total] = [sheet.getRow(4), sheet.getRow(5), sheet.getRow(8)];
    expect(commerce.getCell(6).value).toBe(120);
    expect(commerce.getCell(6).numFmt).toBe('"约"General');
    expect(commerce.getCell(7).numFmt).toBe('0');
    expect(commerce.getCell(remark).value).toBe('约：本月作出的行政许可决定数（估计数）');
    expect(social.getCell(6).numFmt).toBe('0');
    expect(social.getCell(remark).value).toBeNull();
    // The total includes an estimate, so it is one too — and still the sum.
    expect(total.getCell(6).value).toBe(200);
    expect(total.getCell(6).numFmt).toBe('"约"General');
    expect(total.getCell(7).numFmt).toBe('0');
  });

  it('prints as the office ledger: merged title, borders, wrapped headers, widths, frozen header, A4 landscape', async () => {
    const { workbook } = await exportNovember();
    for (const sheet of workbook.worksheets) {
      const last = sheet.getRow(3).cellCount;
      const lastRow = sheet.rowCount;
      expect(sheet.getCell('A1').isMerged && sheet.getCell(1, last).isMerged, sheet.name).toBe(true);
      expect(sheet.getCell(1, last).master.address).toBe('A1');
      expect(sheet.getCell('A1').font.size).toBe(16);
      expect(sheet.getRow(lastRow).getCell(2).value, sheet.name).toBe('合计');
      for (let r = 3; r <= lastRow; r++) {
        for (let c = 1; c <= last; c++) {
          const border = sheet.getCell(r, c).border;
          expect([border?.top?.style, border?.left?.style, border?.bottom?.style, border?.right?.style], `${sheet.name} ${r}:${c}`).toEqual(['thin', 'thin', 'thin', 'thin']);
        }
      }
      for (let c = 1; c <= last; c++) {
        expect(sheet.getCell(3, c).alignment.wrapText).toBe(true);
        const width = sheet.getColumn(c).width!;
        expect(width).toBeGreaterThanOrEqual(6);
        expect(width).toBeLessThanOrEqual(40);
      }
      // Section names fit on one line; the long question headers wrap instead of widening columns.
      expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(24);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 3 });
      expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' });
      expect(sheet.headerFooter.oddFooter).toBe('&C第 &P 页，共 &N 页');
    }
    const sheet = workbook.getWorksheet('双公示')!;
    expect(sheet.getColumn(1).width).toBe(6);
    expect(sheet.getRow(3).height).toBeGreaterThan(30);
  });

  it('is for admins only', async () => {
    const out = await simulate(scriptFrom('2026-11-20T09:00:00+08:00').dm('wang-fang', '导出').lines);
    expect(lastTo(out, 'dm:wang-fang')).toBe('「导出」只有管理员可以使用，您是专人。发送「帮助」查看您能用的命令。');
  });
});

import { existsSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { lastTo, scriptFrom } from '../helpers/script';
import { simulate } from '../helpers/simulate';
import { tempDir } from '../helpers/temp-dir';

describe('导出', () => {
  it('writes the month ledger: a summary sheet and one sheet per task with answers and rates', async () => {
    const dataDir = tempDir();
    const s = scriptFrom('2026-11-20T09:00:00+08:00')
      .dm('wang-fang', '填报 双公示', '120', '120', '115', '118', '2', '2', '台账.xlsx', '确认')
      .dm('xu-wenbo', '导出');
    const out = await simulate(s.lines, { dataDir });
    const file = path.join(dataDir, 'exports', '信用监测台账-2026-11.xlsx');
    expect(lastTo(out, 'dm:xu-wenbo')).toBe(`已导出2026年11月工作台账：${file}（12 个任务，1 份提交）。\n当前渠道不能发送文件，请到上述位置取用。`);
    expect(existsSync(file)).toBe(true);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['汇总', '制度学习', '双公示', '信用承诺', '信用动态', '重错码', '信易批', '诚信宣传', '信用核查', '失信事件', '异议修复', '平台月报', '红黑名单']);
    const summary = workbook.getWorksheet('汇总')!;
    expect(summary.getCell('A1').value).toBe('示例区行政审批服务局 2026年11月 信用监测工作台账');
    expect(summary.getRow(2).values).toEqual([undefined, '科室', '制度学习', '双公示', '信用承诺', '信用动态', '重错码', '信易批', '诚信宣传', '信用核查', '失信事件', '异议修复', '平台月报', '红黑名单']);
    expect(summary.getRow(5).getCell(1).value).toBe('商事登记项目审批服务科');
    expect(summary.getRow(5).getCell(3).value).toBe('按时');
    expect(summary.getRow(3).getCell(3).value).toBe('—');

    const sheet = workbook.getWorksheet('双公示')!;
    expect(sheet.getRow(2).getCell(5).value).toBe('本月作出的行政许可决定数');
    const row = sheet.getRow(3);
    expect(row.getCell(1).value).toBe('商事登记项目审批服务科');
    expect(row.getCell(2).value).toBe('按时');
    expect(row.getCell(3).value).toBe('王芳');
    expect(row.getCell(4).value).toMatch(/^2026-11-20 09:0\d$/);
    expect([5, 6, 7, 8, 9, 10].map((c) => row.getCell(c).value)).toEqual([120, 120, 115, 118, 2, 2]);
    expect(row.getCell(11).value).toBe('台账.xlsx');
    expect(row.getCell(12).value).toBe(1);
    expect(row.getCell(13).value).toBeCloseTo(115 / 120, 6);
    expect(row.getCell(13).numFmt).toBe('0.0%');
    expect(sheet.getRow(4).getCell(2).value).toBe('未报');
  });

  it('is for admins only', async () => {
    const out = await simulate(scriptFrom('2026-11-20T09:00:00+08:00').dm('wang-fang', '导出').lines);
    expect(lastTo(out, 'dm:wang-fang')).toBe('「导出」只有管理员可以使用，您是专人。发送「帮助」查看您能用的命令。');
  });
});

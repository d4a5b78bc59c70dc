import { describe, expect, it } from 'vitest';
import { splitDutyTable } from '../../src/knowledge/duty-table';

/** A task table as PDF extraction leaves it: wrapped cells, a row run into the cell above, merged cells, a page break. */
const TABLE = [
  '五、保障措施',
  '各单位要加强领导。',
  '附件：示例区任务分解表',
  ' 附件',
  '示例区任务分解表',
  '主要任务 工作要点 牵头单位 责任单位',
  '一、完善推进机',
  '制',
  '1.加强领导，扎实推进信用建设工作制',
  '度化',
  '区信用办',
  '区直各单位、各部门、领导小组各成员',
  '单位2.建立健全工作机制',
  '3.加强信用信息共享平台建设',
  '区信用办、区工信局、区财政局、莱芜公安分',
  '局',
  ' 主要任务 工作要点 牵头单位 责任单位',
  '一、完善推进机',
  '制',
  '4.建立多部门、跨地区信用联合奖',
  '惩机制 区发改局',
  '区税务局、区科技局等有关单位',
  '_____________________________________',
  '抄送：区直各部门。',
].join('\n');

describe('an appendix task table', () => {
  const { body, title, rows } = splitDutyTable(TABLE);

  it('is cut from the body, with its title', () => {
    expect(body).toBe(['五、保障措施', '各单位要加强领导。', '附件：示例区任务分解表'].join('\n'));
    expect(title).toBe('示例区任务分解表');
  });

  it('is read back into rows: task, lead units, responsible units', () => {
    expect(rows.map((r) => [r.section + r.no, r.sectionTitle, r.task, r.lead])).toEqual([
      ['一、1', '完善推进机制', '加强领导，扎实推进信用建设工作制度化', '区信用办'],
      ['一、2', '完善推进机制', '建立健全工作机制', '区信用办'],
      ['一、3', '完善推进机制', '加强信用信息共享平台建设', '区信用办、区工信局、区财政局、莱芜公安分局'],
      ['一、4', '完善推进机制', '建立多部门、跨地区信用联合奖惩机制', '区发改局'],
    ]);
  });

  it('gives a merged cell to every row it spans, and ends at the footer', () => {
    expect(rows.map((r) => r.responsible)).toEqual([
      '区直各单位、各部门、领导小组各成员单位',
      '区直各单位、各部门、领导小组各成员单位',
      '区直各单位、各部门、领导小组各成员单位',
      '区税务局、区科技局等有关单位',
    ]);
  });

  it('leaves a document without one whole', () => {
    expect(splitDutyTable('一、总体要求\n（牵头单位：区信用办）')).toEqual({ body: '一、总体要求\n（牵头单位：区信用办）', title: '', rows: [] });
  });
});

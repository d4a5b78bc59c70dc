import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/core/render-text';
import { loadRoster, Roster } from '../../src/org/roster';
import { buildNotice } from '../../src/ranking/notice';
import type { RankingRow } from '../../src/store/schema';
import { loadTaskCatalog } from '../../src/tasks/catalog';

const roster = loadRoster('data/org.yaml');
const catalog = loadTaskCatalog('test/fixtures/ranking-tasks.yaml', roster);
const now = new Date('2026-11-27T10:30:00+08:00');

function row(sectionId: string, rank: number, score: number, counts: Partial<RankingRow> = {}): RankingRow {
  return { sectionId, rank, tied: false, score, onTime: 1, late: 0, missing: 0, exempt: 0, shortfalls: [], ...counts };
}

const rows = [row('office', 1, 100), row('commerce', 2, 33.3, { missing: 1, shortfalls: ['未报：报表乙'] })];

describe('the ranking notice follows the habits of an official 通报', () => {
  it('names sections in full, ends 「特此通报。」 and is signed by the issuing body from org.yaml, with the date', () => {
    const card = buildNotice({ month: '2026-11', rows, now }, roster, catalog);
    expect(card.table!.rows.map((r) => r[1])).toEqual(['办公室', '商事登记项目审批服务科']);
    expect(card.footer).toContain('商事登记项目审批服务科：未报：报表乙。');
    expect(card.footer!.slice(-3)).toEqual(['特此通报。', '示例区行政审批服务局信用体系建设工作领导小组办公室', '2026年11月27日']);
    // The coordinator is a peer section, not the issuer.
    expect(renderText({ card })).not.toContain(roster.coordinator.name);
  });

  it('is signed by the department itself when org.yaml names no issuer', () => {
    const { notice_issuer: _, ...department } = roster.department;
    const plain = new Roster({ department, groups: [...roster.groups], sections: [...roster.sections], people: [...roster.people] });
    expect(buildNotice({ month: '2026-11', rows, now }, plain, catalog).footer!.slice(-2)).toEqual(['示例区行政审批服务局', '2026年11月27日']);
  });

  it('shows 较上月 only when a previous month was published', () => {
    const first = buildNotice({ month: '2026-11', rows, now }, roster, catalog);
    expect(first.table!.header).toEqual(['排名', '科室', '得分', '按时/逾期/未报']);
    expect(first.table!.rows[0]).toHaveLength(4);
    const previous = [row('commerce', 1, 100), row('office', 2, 50)];
    const later = buildNotice({ month: '2026-11', rows, previous, now }, roster, catalog);
    expect(later.table!.header.at(-1)).toBe('较上月');
    expect(later.table!.rows.map((r) => r.at(-1))).toEqual(['↑1', '↓1']);
  });

  it('writes every score with one decimal, the average too', () => {
    const card = buildNotice({ month: '2026-11', rows: [row('office', 1, 100), row('personnel', 1, 100, { tied: true })], now }, roster, catalog);
    expect(card.table!.rows.map((r) => r[2])).toEqual(['100.0', '100.0']);
    expect(card.lines!.at(-1)).toContain('平均得分 100.0 分');
  });

  it('marks a draft, and a draft of a month still open as provisional with its deadline', () => {
    expect(buildNotice({ month: '2026-11', rows, now, draft: {} }, roster, catalog).title).toBe('草稿：关于2026年11月份信用监测任务完成情况的通报');
    const open = buildNotice({ month: '2026-11', rows, now, draft: { openUntil: new Date('2026-11-26T18:00:00+08:00') } }, roster, catalog);
    expect(open.title).toBe('草稿（未截止，仅供参考）：关于2026年11月份信用监测任务完成情况的通报');
    expect(open.lines![0]).toContain('最后截止于 11月26日 18:00，尚未截止');
  });
});

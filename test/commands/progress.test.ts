import { describe, expect, it } from 'vitest';
import { lastTo, scriptFrom, textsTo } from '../helpers/script';
import { simulate } from '../helpers/simulate';

describe('进度', () => {
  it('shows a reporter what their section still owes, with deadlines', async () => {
    const s = scriptFrom('2026-11-20T09:00:00+08:00').dm('chen-siyuan', '填报 失信事件', '否', '确认', '进度');
    const text = lastTo(await simulate(s.lines), 'dm:chen-siyuan');
    expect(text).toBe(
      [
        '【办公室 · 2026年11月 填报进度】',
        '还需报送 3 项：制度学习、信用动态、诚信宣传。回复「填报」开始。',
        '任务｜截止｜状态',
        '制度学习｜11月26日 18:00｜未报 ❌',
        '信用动态｜11月26日 18:00｜未报 ❌',
        '诚信宣传｜11月26日 18:00｜未报 ❌',
        '失信事件｜11月26日 18:00｜按时 ✅',
      ].join('\n'),
    );
  });

  it('shows each of the sections of someone in two', async () => {
    const texts = textsTo(await simulate(scriptFrom('2026-11-20T09:00:00+08:00').dm('song-jia', '进度').lines), 'dm:song-jia');
    expect(texts.map((t) => t.split('\n')[0])).toEqual(['【监督考核科 · 2026年11月 填报进度】', '【综合受理窗口 · 2026年11月 填报进度】']);
  });

  it('refuses to show another section to a non-admin', async () => {
    const out = await simulate(scriptFrom('2026-11-20T09:00:00+08:00').dm('wang-fang', '进度 办公室').lines);
    expect(lastTo(out, 'dm:wang-fang')).toBe('您只能查看自己科室的进度。');
  });

  it('shows an admin the matrix of sections × tasks, with on-time, late, missing and returned', async () => {
    const s = scriptFrom('2026-11-26T17:00:00+08:00')
      .dm('wang-fang', '填报 失信事件', '否', '确认')
      .dm('he-jing', '填报 失信事件', '否', '确认')
      .at('2026-11-27T09:00:00+08:00')
      .dm('chen-siyuan', '填报 失信事件', '否', '确认')
      .dm('xu-wenbo', '退回 社会事务科 失信事件 请补充说明', '进度');
    const text = lastTo(await simulate(s.lines), 'dm:xu-wenbo');
    const lines = text.split('\n');
    expect(lines[0]).toBe('【2026年11月 各科室填报进度】');
    expect(lines[1]).toBe('已报 2 / 应报 55；逾期 1，退回 1，未报 52，免报 0。');
    expect(lines[2]).toBe('✅按时 ⚠️逾期 ❌未报 ↩️退回 ⭕免报 —不需要');
    expect(lines[3]).toBe('科室｜制度学习｜双公示｜信用承诺｜信用动态｜重错码｜信易批｜诚信宣传｜信用核查｜失信事件｜异议修复｜平台月报｜红黑名单');
    expect(lines[4]).toBe('办公室｜❌｜—｜—｜❌｜—｜—｜❌｜—｜⚠️｜—｜—｜—');
    expect(lines).toContain('商事登记科｜—｜❌｜❌｜❌｜❌｜❌｜—｜❌｜✅｜❌｜❌｜❌');
    expect(lines).toContain('社会事务科｜—｜❌｜❌｜❌｜❌｜❌｜—｜❌｜↩️｜❌｜❌｜❌');
  });
});

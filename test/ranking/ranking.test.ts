import { describe, expect, it } from 'vitest';
import { lastTo, scriptFrom, textsTo } from '../helpers/script';
import { simulate } from '../helpers/simulate';

const tasksFile = 'test/fixtures/ranking-tasks.yaml';

/**
 * November 2026 in a small department: 办公室 on time; 人事科 late; 商事登记科 on time with 报表乙
 * exempt; 社会事务科 on time but 报表乙's rate misses its target; 建设项目科 returned and not
 * resubmitted. Both tasks are due on Thursday the 26th; the draft comes on Friday the 27th.
 */
function november() {
  return scriptFrom('2026-11-20T09:00:00+08:00')
    .at('2026-11-20T09:00:00+08:00')
    .dm('chen-siyuan', '填报 报表甲', '3', '确认')
    .dm('wang-fang', '填报 报表甲', '2', '确认')
    .dm('xu-wenbo', '免报 商事登记科 报表乙 本月无此业务')
    .dm('he-jing', '填报 报表甲', '1', '确认', '填报 报表乙', '10', '9', '确认')
    .dm('liu-yang', '填报 报表乙', '5', '5', '确认')
    .dm('xu-wenbo', '退回 建设项目科 报表乙 件数与系统不符')
    .at('2026-11-27T09:00:00+08:00')
    .dm('zheng-xiaowen', '填报 报表甲', '4', '确认');
}

const table = (text: string) => text.split('\n').filter((l) => /^\d.*｜/.test(l));

describe('the monthly ranking notice', () => {
  it('reaches the admins as a draft on the first working day after the last deadline, scored and ranked', async () => {
    const out = await simulate(november().at('2026-11-27T11:00:00+08:00').lines, { tasksFile });
    const draft = out.find((o) => o.chat === 'dm:lin-xiaoyan' && o.card?.title.startsWith('草稿：'))!;
    expect(draft.at).toBe('2026-11-27T10:00:00+08:00');
    expect(draft.card!.title).toBe('草稿：关于2026年11月份信用监测任务完成情况的通报');
    expect(draft.card!.lines).toEqual([
      '各科室：',
      '现将2026年11月份信用监测任务完成情况通报如下。',
      '本月各科室应报 6 项，按时报送 4 项，逾期 1 项，未报 1 项，免报 1 项；平均得分 69.3 分。',
    ]);
    // No month was published before: no 较上月 column.
    expect(draft.card!.table!.header).toEqual(['排名', '科室', '得分', '按时/逾期/未报']);
    expect(draft.card!.table!.rows).toEqual([
      ['1（并列）', '办公室', '100.0', '1/0/0'],
      ['1（并列）', '商事登记项目审批服务科', '100.0', '1/0/0'],
      ['3', '社会事务项目审批服务科', '86.7', '2/0/0'],
      ['4', '组织人事科', '60.0', '0/1/0'],
      ['5', '建设项目审批服务科', '0.0', '0/0/1'],
    ]);
    expect(draft.card!.footer!.slice(0, 5)).toEqual([
      '提出表扬：办公室、商事登记项目审批服务科（全部按时报送且各项指标达标）。',
      '需改进：',
      '社会事务项目审批服务科：报表乙按时办结率90.0%未达标。',
      '组织人事科：逾期：报表甲。',
      '建设项目审批服务科：退回未重报：报表乙。',
    ]);
    expect(draft.card!.buttons).toEqual([{ label: '发布到工作群', value: '排名 发布 2026-11' }]);
    // Once per admin, exactly once.
    expect(out.filter((o) => o.card?.title.startsWith('草稿：')).map((o) => o.chat)).toEqual(['dm:lin-xiaoyan', 'dm:xu-wenbo', 'dm:gao-ya']);
    expect(textsTo(out, 'group').some((t) => t.includes('通报'))).toBe(false);
  });

  it('is published from the draft\'s button after 确认发布, read by anyone, and a correction replaces it marked 更正', async () => {
    const s = november()
      .at('2026-11-27T10:30:00+08:00')
      .dm('xu-wenbo', '1', '确认发布')
      .dm('wang-fang', '排名')
      .at('2026-11-30T09:30:00+08:00')
      .dm('liu-yang', '1', '填报 报表乙', '5', '5', '确认')
      .dm('xu-wenbo', '排名 发布 11月', '确认发布')
      .dm('zhao-lei', '排名 11月')
      .dm('han-yu', '排名 历史 建设项目科');
    const out = await simulate(s.lines, { tasksFile });
    const notices = out.filter((o) => o.chat === 'group' && o.card?.title.includes('通报'));
    expect(notices.map((o) => o.card!.title)).toEqual(['关于2026年11月份信用监测任务完成情况的通报', '关于2026年11月份信用监测任务完成情况的通报（更正）']);
    expect(textsTo(out, 'dm:xu-wenbo')).toContain('已将2026年11月的排名通报发布到工作群。');
    expect(textsTo(out, 'dm:xu-wenbo')).toContain('已将2026年11月的排名通报（更正）发布到工作群，替换 11月27日 10:32 发布的版本。');
    expect(lastTo(out, 'dm:wang-fang')).toBe(notices[0]!.text);
    // 建设项目科 resubmitted late: 60 points, tied with 人事科.
    expect(table(notices[1]!.text).slice(3)).toEqual(['4（并列）｜组织人事科｜60.0｜0/1/0', '4（并列）｜建设项目审批服务科｜60.0｜0/1/0']);
    expect(lastTo(out, 'dm:zhao-lei')).toBe(notices[1]!.text);
    expect(lastTo(out, 'dm:han-yu')).toBe('【建设项目审批服务科 · 历月排名】\n2026年11月：第 4 名（并列），60.0 分（按时 0／逾期 1／未报 0）');
  });

  it('shows the change against last month\'s published ranking', async () => {
    const s = november()
      .at('2026-11-27T10:30:00+08:00')
      .dm('xu-wenbo', '排名 发布 2026-11', '确认发布')
      .at('2026-12-21T10:00:00+08:00')
      .dm('wu-lihua', '填报 报表甲 人事科', '1', '确认')
      .dm('liu-yang', '填报 报表乙', '1', '1', '确认')
      .at('2026-12-28T11:00:00+08:00')
      .dm('xu-wenbo', '排名 预览 12月');
    const preview = lastTo(await simulate(s.lines, { tasksFile }), 'dm:xu-wenbo');
    expect(preview).toContain('排名｜科室｜得分｜按时/逾期/未报｜较上月');
    expect(table(preview)).toEqual([
      '1（并列）｜组织人事科｜100.0｜1/0/0｜↑3',
      '1（并列）｜建设项目审批服务科｜100.0｜1/0/0｜↑4',
      '3（并列）｜办公室｜0.0｜0/0/1｜↓2',
      '3（并列）｜商事登记项目审批服务科｜0.0｜0/0/2｜↓2',
      '3（并列）｜社会事务项目审批服务科｜0.0｜0/0/2｜持平',
    ]);
  });

  it('lets only admins preview and publish, and says when nothing is published yet', async () => {
    const s = scriptFrom('2026-11-20T09:00:00+08:00').dm('wang-fang', '排名', '排名 发布', '确认发布', '排名 10月', '排名 历史', '排名 预览 10月');
    const texts = textsTo(await simulate(s.lines, { tasksFile }), 'dm:wang-fang');
    expect(texts[0]).toBe('还没有发布过排名通报。');
    expect(texts[1]).toBe('「排名 预览/发布」只有管理员可以使用，您是专人。发送「帮助」查看您能用的命令。');
    expect(texts[5]).toBe(texts[1]);
    expect(texts[2]).toContain('「确认发布」');
    expect(texts[2]).toContain('管理员');
    expect(texts.slice(3, 5)).toEqual(['2026年10月的排名尚未发布。管理员可发送「排名 预览 2026-10」查看草稿。', '商事登记项目审批服务科还没有已发布的排名。']);
  });
});

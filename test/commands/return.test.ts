import { describe, expect, it } from 'vitest';
import { lastTo, scriptFrom, textsTo } from '../helpers/script';
import { simulate } from '../helpers/simulate';

describe('退回 (a submission)', () => {
  it('returns with a reason, tells the reporter with a button to redo it, and shows 退回 until resubmitted', async () => {
    const s = scriptFrom('2026-11-20T09:00:00+08:00')
      .dm('wang-fang', '填报 失信事件', '否', '确认')
      .group('xu-wenbo', '退回 商事登记科 失信事件 请核对本月网络舆情')
      .dm('xu-wenbo', '进度 商事登记科')
      .dm('wang-fang', '1', '修改 1', '是', '11月3日网络曝光后当日处置', '确认', '进度');
    const out = await simulate(s.lines);
    // The reason is not for the group: the admin hears the outcome in a direct chat.
    expect(textsTo(out, 'group')).toEqual(['「退回」涉及个人或科室信息，已在私聊中回复您。']);
    expect(textsTo(out, 'dm:xu-wenbo')).toContain('已退回商事登记项目审批服务科2026年11月的「失信事件」，并私聊通知了 王芳。');
    const wang = textsTo(out, 'dm:wang-fang');
    expect(wang[3]).toBe('【填报被退回】\n↩️ 您科室2026年11月的「失信事件」被 许文博 退回：请核对本月网络舆情。请修改后重新填报。\n回复序号：1. 重新填报');
    const status = textsTo(out, 'dm:xu-wenbo').find((t) => t.startsWith('【商事登记项目审批服务科 · 2026年11月 填报进度】'));
    expect(status).toContain('失信事件｜11月26日 18:00｜退回 ↩️');
    expect(status).toMatch(/「失信事件」被退回：请核对本月网络舆情（许文博，11月20日 09:\d\d）/);
    // The form reopens at its summary with the returned answers and the reason: change what was wrong, then 确认.
    expect(wang[4]).toMatch(/^【请核对：严重失信事件防范】\n开始填报「严重失信事件防范」.*\n↩️ 此表于 11月20日 09:0\d 被 许文博 退回：请核对本月网络舆情。.*「修改 N」/);
    expect(wang[4]).toContain('1. 本月是否发生严重失信事件或互联网曝光的负面信用事件：否');
    expect(wang.at(-2)).toMatch(/^✅ 已提交「失信事件」/);
    expect(wang.at(-1)).toContain('失信事件｜11月26日 18:00｜按时 ✅');
  });

  it('explains what is missing or wrong', async () => {
    const s = scriptFrom('2026-11-20T09:00:00+08:00')
      .dm('xu-wenbo', '退回', '退回 商事登记科 失信事件', '退回 商事登记科 失信事件 理由')
      .dm('wang-fang', '退回 商事登记科 失信事件 理由');
    const out = await simulate(s.lines);
    expect(textsTo(out, 'dm:xu-wenbo')).toEqual([
      '用法：「退回 科室 任务 理由」，例如「退回 商事登记科 双公示 已上传条数与平台不一致」；科室负责人核实积分用「退回 编号 理由」，例如「退回 3 事实不清」。',
      '请写明退回理由，例如「退回 商事登记科 失信事件 数据与平台统计不一致」。',
      '商事登记项目审批服务科还没有提交2026年11月的「失信事件」，无可退回。',
    ]);
    expect(lastTo(out, 'dm:wang-fang')).toBe('「退回」只有管理员或科室负责人可以使用，您是专人。发送「帮助」查看您能用的命令。');
  });

  it('does not let a section head return submissions', async () => {
    const out = await simulate(scriptFrom('2026-11-20T09:00:00+08:00').dm('sun-haoran', '退回 商事登记科 失信事件 理由').lines);
    expect(lastTo(out, 'dm:sun-haoran')).toBe(
      '「退回 科室 任务 理由」只有管理员可以使用，您是科室负责人。发送「帮助」查看您能用的命令。核实积分申报请写编号：「退回 编号 理由」，例如「退回 3 事实不清」。',
    );
  });
});

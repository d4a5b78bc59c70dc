import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadRoster } from '../../src/org/roster';
import { loadTaskCatalog } from '../../src/tasks/catalog';
import type { Field } from '../../src/tasks/schema';
import { botHarness, textOf } from '../helpers/bot-harness';
import { lastTo, scriptFrom, textsTo } from '../helpers/script';
import { simulate } from '../helpers/simulate';
import { tempDir } from '../helpers/temp-dir';

const catalog = loadTaskCatalog('data/tasks.yaml', loadRoster('data/org.yaml'));
const WANG = 'dm:wang-fang';

/** A valid answer for any field, with conditional questions switched on ("是"). */
function sampleAnswers(field: Field): string[] {
  switch (field.type) {
    case 'integer':
    case 'number':
      return ['10'];
    case 'text':
      return ['情况说明'];
    case 'date':
      return ['11月5日'];
    case 'yesno':
      return ['是'];
    case 'choice':
      return ['1'];
    case 'list':
      return ['诚信宣传进社区 https://example.com/a 11月5日', '完成'];
  }
}

describe('the monthly form, happy path for every task in data/tasks.yaml', () => {
  for (const task of catalog.tasks) {
    it(`${task.short}: every question asked, summary shown, saved on 确认`, async () => {
      const section = catalog.sectionsOwing(task)[0]!;
      const reporter = loadRoster('data/org.yaml').membersWithRole(section, 'reporter')[0]!;
      const answers = task.fields.flatMap(sampleAnswers);
      const s = scriptFrom('2026-11-10T09:00:00+08:00').dm(reporter.id, `填报 ${task.short} ${section}`, ...answers, '确认');
      const out = await simulate(s.lines);
      const texts = textsTo(out, `dm:${reporter.id}`);
      for (const [i, field] of task.fields.entries()) {
        expect(texts.some((t) => t.includes(`（${i + 1}/${task.fields.length}）${field.label}`)), field.id).toBe(true);
      }
      const summary = texts.find((t) => t.startsWith(`【请核对：${task.name}】`));
      expect(summary).toBeDefined();
      for (const metric of task.metrics) expect(summary).toContain(`${metric.label}：`);
      expect(texts.at(-1)).toMatch(new RegExp(`^✅ 已提交「${task.short}」2026年11月（.+），按时提交`));
    });
  }
});

describe('双公示, answered the way reporters type', () => {
  it('reads full-width and Chinese numbers, computes every rate and flags missed targets', async () => {
    const s = scriptFrom('2026-11-20T09:00:00+08:00')
      .group('wang-fang', '填报 双公示')
      .dm('wang-fang', '１２０', '一百二十', '一百一十五', '118', '2', '两', '跳过');
    const out = await simulate(s.lines);
    expect(textsTo(out, 'group')).toEqual(['已私聊 王芳，请在与信用助手的私聊中继续填报。']);
    const summary = lastTo(out, WANG);
    expect(summary).toContain('1. 本月作出的行政许可决定数：120件');
    expect(summary).toContain('7. “双公示”工作台账（文件名或链接）：（未填）');
    expect(summary).toContain('上报率：100.0% ✅');
    expect(summary).toContain('及时率：95.8% ⚠️ 未达目标：历城方案≥100.0%');
    expect(summary).toContain('合规率：98.3% ⚠️ 未达目标：历城方案≥100.0%');
    expect(summary).not.toContain('槐荫方案≥98.0%');
    expect(summary).toContain('迟报率：4.2% ✅');
    expect(summary).toContain('问题数据按时修改率：100.0% ✅');
  });

  it('says which numbers disagree, and asks again', async () => {
    const s = scriptFrom('2026-11-20T09:00:00+08:00').dm('wang-fang', '填报 双公示', '120', '130');
    const reply = lastTo(await simulate(s.lines), WANG);
    expect(reply).toBe('已上传至市信用平台的条数（130）不能大于「本月作出的行政许可决定数」（120）。请重新输入「已上传至市信用平台的条数」。\n提示：已上传“双公示”信息的条数，不能大于许可决定数，例如 120');
  });

  it('refuses a letter among the digits, a bound, a negative count — and keeps ≈120 as an estimate', async () => {
    const s = scriptFrom('2026-11-20T09:00:00+08:00').dm('wang-fang', '填报 双公示', '12O', 'l20', '120+', '>120', '一二O', '-3', '≈120');
    const replies = textsTo(await simulate(s.lines), WANG).slice(1).map((r) => r.split('\n')[0]);
    expect(replies).toEqual([
      '“12O”里有字母「O」，请只用数字（零写作 0，一写作 1），例如「120」。请重新输入「本月作出的行政许可决定数」。',
      '“l20”里有字母「l」，请只用数字（零写作 0，一写作 1），例如「120」。请重新输入「本月作出的行政许可决定数」。',
      '“120+”不是确切的数，请回复确切的数；只能估计时可以说「大概120」。请重新输入「本月作出的行政许可决定数」。',
      '“>120”不是确切的数，请回复确切的数；只能估计时可以说「大概120」。请重新输入「本月作出的行政许可决定数」。',
      '“一二O”里有字母「O」，请只用数字（零写作 0，一写作 1），例如「120」。请重新输入「本月作出的行政许可决定数」。',
      '“-3”是负数，这里要填数量，最少是 0。请重新输入「本月作出的行政许可决定数」。',
      '（2/7）已上传至市信用平台的条数',
    ]);
  });

  it('drops a later answer that a corrected earlier one makes impossible, and asks it again', async () => {
    const s = scriptFrom('2026-11-20T09:00:00+08:00').dm('wang-fang', '填报 双公示', '120', '120', '118', '120', '0', '0', '跳过', '修改 1', '100');
    const reply = lastTo(await simulate(s.lines), WANG);
    expect(reply).toMatch(/^之前填的「已上传至市信用平台的条数」（120）大于新的「本月作出的行政许可决定数」，稍后需要重新填写。\n（2\/7）已上传至市信用平台的条数/);
  });

  it('shows 不适用 for a rate over nothing', async () => {
    const s = scriptFrom('2026-11-20T09:00:00+08:00').dm('wang-fang', '填报 双公示', '无', '0', '0', '0', '没有', '0', '跳过');
    const summary = lastTo(await simulate(s.lines), WANG);
    expect(summary).toContain('上报率：不适用');
    expect(summary).toContain('问题数据按时修改率：不适用');
  });
});

describe('validation: every bad answer gets the reason and an example', () => {
  const start = () => scriptFrom('2026-11-20T09:00:00+08:00').dm('wang-fang', '填报 双公示');
  const hint = '\n提示：本月作出行政许可决定的件数，例如 120；没有填 0';

  it.each([
    ['abc', '“abc”不是一个数'],
    ['12.5', '这里要填整数，“12.5”带有小数'],
    ['-3', '“-3”是负数，这里要填数量，最少是 0'],
    ['2000000', '不能大于 1000000件'],
    ['', '没有收到文字内容'],
    ['跳过', '「本月作出的行政许可决定数」是必填项，不能跳过'],
  ])('%j → %s', async (input, reason) => {
    const out = await simulate(start().dm('wang-fang', input).lines);
    expect(lastTo(out, WANG)).toBe(`${reason}。请重新输入「本月作出的行政许可决定数」。${hint}`);
  });

  it('refuses very long input politely, then repeats the pending question', async () => {
    const texts = textsTo(await simulate(start().dm('wang-fang', '1'.repeat(2001)).lines), WANG);
    expect(texts.at(-2)).toBe('内容太长（2001 字），一次最多 2000 字。请分几次发送，或只发要点。');
    expect(texts.at(-1)).toMatch(/^📝 您的「双公示（2026年11月 · 商事登记项目审批服务科，第 1\/7 项）」还没填完，直接回复即可继续：\n（1\/7）本月作出的行政许可决定数/);
  });

  it('offers to cancel after three failures in a row', async () => {
    const out = await simulate(start().dm('wang-fang', 'x', 'y', 'z').lines);
    const texts = textsTo(out, WANG);
    expect(texts.at(-2)).not.toContain('连续');
    expect(texts.at(-1)).toContain('已经连续 3 次没能识别。如需稍后再填，回复「取消」');
  });

  it('checks dates, yes/no and list entries', async () => {
    const credit = scriptFrom('2026-11-20T09:00:00+08:00').dm('xu-wenbo', '填报 诚信宣传', '也许', '是', '11月5日', '宣传活动 2月30日', '完成');
    const texts = textsTo(await simulate(credit.lines), 'dm:xu-wenbo');
    expect(texts).toContainEqual(expect.stringMatching(/^“也许”没有说定，请核实后回复「是」或「否」。请重新输入/));
    expect(texts).toContainEqual(expect.stringMatching(/^这一条缺少活动名称。/));
    expect(texts).toContainEqual(expect.stringMatching(/^没有 2 月 30 日这一天。/));
    expect(texts.at(-1)).toMatch(/^至少需要 1 条，现在有 0 条。请重新输入「本月开展的诚信宣传活动」。/);
  });

  it('answers a policy question mid-form and repeats the pending question', async () => {
    const out = await simulate(start().dm('wang-fang', '120', '双公示要在多少天内上传？').lines);
    const texts = textsTo(out, WANG);
    expect(texts.at(-2)).toMatch(/^根据《济南市历城区行政审批服务局落实信用状况监测工作实施方案》三、（一）2：“.*15个自然日内上传/);
    expect(texts.at(-1)).toMatch(/^（2\/7）已上传至市信用平台的条数/);
  });
});

describe('moving around the form', () => {
  it('goes back with 上一步, and cancels without saving', async () => {
    const s = scriptFrom('2026-11-20T09:00:00+08:00').dm('wang-fang', '填报 双公示', '上一步', '120', '上一步', '100', '取消', '进度');
    const texts = textsTo(await simulate(s.lines), WANG);
    expect(texts[1]).toMatch(/^已经是第一项了。\n（1\/7）/);
    expect(texts[3]).toMatch(/^（1\/7）/);
    expect(texts[5]).toBe('已取消「双公示」的填报，没有保存任何内容。');
    expect(texts[6]).toContain('双公示｜11月26日 18:00｜未报 ❌');
  });

  it('collects list entries one per message, with 上一步 removing the last', async () => {
    const s = scriptFrom('2026-11-20T09:00:00+08:00').dm('wang-fang', '填报 信用动态', '第一篇 https://example.com/1', '写错了', '上一步', '第二篇 11月6日', '完成');
    const texts = textsTo(await simulate(s.lines), WANG);
    expect(texts).toContain('已记录第 1 条：第一篇｜https://example.com/1。继续输入下一条，或回复「完成」。');
    expect(texts).toContain('已删除第 2 条：写错了。');
    expect(texts.at(-1)).toContain('1. 本月报送的“信用动态”信息：1) 第一篇｜https://example.com/1；2) 第二篇｜2026-11-06');
    expect(texts.at(-1)).toContain('报送篇数：2 ✅');
  });

  it('asks a conditional question only when its condition holds', async () => {
    const no = textsTo(await simulate(scriptFrom('2026-11-20T09:00:00+08:00').dm('wang-fang', '填报 失信事件', '否').lines), WANG);
    expect(no.at(-1)).toMatch(/^【请核对：严重失信事件防范】/);
    expect(no.at(-1)).not.toContain('处置和反馈情况');
    const yes = textsTo(await simulate(scriptFrom('2026-11-20T09:00:00+08:00').dm('wang-fang', '填报 失信事件', '是').lines), WANG);
    expect(yes.at(-1)).toMatch(/^（2\/2）处置和反馈情况/);
  });

  it('lets a person in two sections choose, and picks the task by number', async () => {
    const s = scriptFrom('2026-11-20T09:00:00+08:00').dm('song-jia', '填报', '2', '1');
    const texts = textsTo(await simulate(s.lines), 'dm:song-jia');
    expect(texts[0]).toBe('【替哪个科室填报？】\n您负责 监督考核科、综合受理窗口 的填报，请回复序号或科室名称。\n回复序号：1. 监督考核科  2. 综合受理窗口');
    expect(texts[1]).toMatch(/^【选择要填报的任务（2026年11月 · 综合受理窗口）】\n1\. 信用动态/);
    expect(texts[2]).toMatch(/^【信用动态】\n开始填报「“信用动态”信息报送」（2026年11月 · 综合受理窗口/);
  });
});

describe('saving', () => {
  it('marks a submission after the deadline as late, and a resubmission replaces it keeping history', async () => {
    const s = scriptFrom('2026-11-26T17:50:00+08:00')
      .dm('wang-fang', '填报 失信事件', '否', '确认')
      .at('2026-11-27T09:00:00+08:00')
      .dm('wang-fang', '填报 失信事件', '否', '确认');
    const out = await simulate(s.lines);
    const texts = textsTo(out, WANG);
    expect(texts[2]).toBe('✅ 已提交「失信事件」2026年11月（商事登记项目审批服务科），按时提交（截止 11月26日 18:00）。');
    expect(texts.at(-1)).toBe('✅ 已提交「失信事件」2026年11月（商事登记项目审批服务科），已过截止时间 11月26日 18:00，记为逾期提交。\n本次提交替换了 11月26日 17:52 的提交，原记录保留在历史中。');
  });
});

describe('forms that never trap anyone (issue 9, item 3)', () => {
  const FORM = '双公示（2026年11月 · 商事登记项目审批服务科，第 2/7 项）';

  it('mid-form, 我是谁 is answered and the form says where it stands; 填报 another task asks to set this one aside', async () => {
    const s = scriptFrom('2026-11-20T09:00:00+08:00').dm('wang-fang', '填报 双公示', '120', '我是谁', '填报 信用承诺', '放一边', '45');
    const texts = formTexts(await simulate(s.lines), WANG);
    expect(texts[2]).toContain('姓名：王芳');
    expect(texts[3]).toMatch(new RegExp(`^📝 您的「${escape(FORM)}」还没填完，直接回复即可继续：\\n（2/7）已上传至市信用平台的条数`));
    expect(texts[4]).toBe(`【先把正在填的表单放一边？】\n您正在填「${FORM}」，还没有提交。要把它放一边、开始新的填报吗？放一边的表单 7 天内发送「继续填报」可以接着填。\n回复序号：1. 放一边，开始新的  2. 继续原来的`);
    expect(texts[5]).toBe(`已把「${FORM}」放一边，发送「继续填报」可以接着填。`);
    expect(texts[6]).toMatch(/^开始填报「信用承诺和履约践诺信息归集」/);
    expect(texts[7]).toMatch(/^（2\/4）本月上传的履约践诺情况信息条数/);
  });

  it('with the task menu open, 填报 a task simply opens it: a menu with nothing answered is not set aside', async () => {
    const s = scriptFrom('2026-11-20T09:00:00+08:00').dm('wang-fang', '填报', '填报 信用动态');
    const texts = formTexts(await simulate(s.lines), WANG);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toMatch(/^【选择要填报的任务（2026年11月/);
    expect(texts[1]).toMatch(/^【信用动态】\n开始填报「“信用动态”信息报送」/);
  });

  it('a task the section is exempt from this month is not offered, and 填报 it says it is exempt', async () => {
    const s = scriptFrom('2026-11-20T09:00:00+08:00').dm('xu-wenbo', '免报 商事科 信用动态 本月市里暂停报送').dm('wang-fang', '填报', '取消', '填报 信用动态');
    const texts = formTexts(await simulate(s.lines), WANG).filter((x) => !x.startsWith('【免报'));
    const menu = texts.find((x) => x.startsWith('【选择要填报的任务'))!;
    expect(menu).toContain('1. 双公示');
    expect(menu).not.toContain('信用动态');
    expect(texts.at(-1)).toBe('商事登记项目审批服务科2026年11月的「信用动态」已免报（许文博登记，理由：本月市里暂停报送），不用填报。如确需填报，请管理员先发送「取消免报」。');
  });

  it('a task exempted while its menu was open is refused when picked', async () => {
    const s = scriptFrom('2026-11-20T09:00:00+08:00').dm('wang-fang', '填报').dm('xu-wenbo', '免报 商事科 信用动态 本月市里暂停报送').dm('wang-fang', '3');
    const texts = formTexts(await simulate(s.lines), WANG).filter((x) => !x.startsWith('【免报'));
    expect(texts[0]).toContain('3. 信用动态');
    expect(texts.at(-1)).toMatch(/^商事登记项目审批服务科2026年11月的「信用动态」已免报/);
  });

  it('keeps the open form when the person says so, and resumes a set-aside one with 继续填报', async () => {
    const s = scriptFrom('2026-11-20T09:00:00+08:00').dm('wang-fang', '填报 双公示', '120', '填报 信用承诺', '2', '118', '填报 信用承诺', '1', '继续填报');
    const texts = formTexts(await simulate(s.lines), WANG);
    expect(texts[3]).toMatch(/^好的，继续填「双公示（.*第 2\/7 项）」：\n（2\/7）/);
    expect(texts[4]).toMatch(/^（3\/7）/);
    expect(texts.at(-2)).toMatch(/^开始填报「信用承诺和履约践诺信息归集」/);
    // 继续填报 with the 信用承诺 form open asks first, naming the set-aside 双公示.
    expect(texts.at(-1)).toContain('要把它放一边、开始「双公示（2026年11月 · 商事登记项目审批服务科，第 3/7 项）」吗？');
  });

  it('at the summary, 进度 and 帮助 are answered, then the summary is shown again', async () => {
    const s = scriptFrom('2026-11-20T09:00:00+08:00').dm('wang-fang', '填报 失信事件', '否', '进度', '帮助', '确认');
    const texts = formTexts(await simulate(s.lines), WANG);
    expect(texts[2]).toMatch(/^【商事登记项目审批服务科 · 2026年11月 填报进度】/);
    expect(texts[3]).toMatch(/^【请核对：严重失信事件防范】\n📝 您的「失信事件（2026年11月 · 商事登记项目审批服务科，待确认提交）」还没填完/);
    expect(texts[4]).toMatch(/^【信用助手 · 帮助】/);
    expect(texts.at(-1)).toMatch(/^✅ 已提交「失信事件」/);
  });

  it('after a restart, 填报 another task shows the old form instead of feeding it', async () => {
    const dataDir = tempDir();
    await simulate(scriptFrom('2026-11-20T09:00:00+08:00').dm('wang-fang', '填报 双公示', '120').lines, { dataDir });
    const out = await simulate(scriptFrom('2026-11-20T11:00:00+08:00').dm('wang-fang', '填报 信用承诺').lines, { dataDir });
    expect(formTexts(out, WANG)).toEqual([expect.stringContaining(`您正在填「${FORM}」，还没有提交。`)]);
  });

  it('after a restart days later, 填报 says the old form lapsed and can be restored, then starts afresh', async () => {
    const dataDir = tempDir();
    await simulate(scriptFrom('2026-11-20T09:00:00+08:00').dm('wang-fang', '填报 双公示', '120').lines, { dataDir });
    const out = await simulate(scriptFrom('2026-11-25T09:00:00+08:00').dm('wang-fang', '填报 双公示').lines, { dataDir });
    const texts = formTexts(out, WANG);
    expect(texts[0]).toBe(`提示：您有 1 份未完成的填报，最近的是「${FORM}」（11月23日 17:30 过期），发送「继续填报」可以接着填。`);
    expect(texts[1]).toMatch(/^开始填报「“双公示”（行政许可）信息报送」.*\n（1\/7）/);
  });

  it('a text answer that begins with a command name is asked back; control words stay with the form', async () => {
    const s = scriptFrom('2026-11-20T09:00:00+08:00').dm('chen-siyuan', '填报 制度学习', '3', '1', '1', '进度 已按计划学习', '作为回答', '修改 4', '跳过', '确认');
    const texts = formTexts(await simulate(s.lines), 'dm:chen-siyuan');
    expect(texts[4]).toMatch(/^【是命令还是回答？】\n「进度 已按计划学习」以命令「进度」开头。/);
    expect(texts[5]).toContain('4. 学习情况简述：进度 已按计划学习');
    expect(texts.at(-2)).toContain('4. 学习情况简述：（未填）');
    expect(texts.at(-1)).toMatch(/^✅ 已提交「制度学习」/);
  });

  it('a bare number with no form open gets "no form is open", naming the last submitted form — never a policy answer', async () => {
    const s = scriptFrom('2026-11-20T09:00:00+08:00').dm('wang-fang', '118', '填报 失信事件', '否', '确认', '确认', '一百二');
    const texts = formTexts(await simulate(s.lines), WANG);
    expect(texts[0]).toBe('现在没有正在填写的表单，「118」没有记录。要填报本月的材料，请发送「填报」。');
    expect(texts.at(-2)).toBe('现在没有正在填写的表单，「确认」没有记录。您最近提交的是「失信事件」2026年11月（11月20日 09:03 已保存）；如需重新填写，发送「填报 失信事件」。');
    expect(texts.at(-1)).toMatch(/^现在没有正在填写的表单，「一百二」没有记录。/);
  });

  it('a past-month form says up front that it will be recorded as late', async () => {
    const out = await simulate(scriptFrom('2026-11-24T09:00:00+08:00').dm('wang-fang', '填报 双公示 10月').lines);
    expect(lastTo(out, WANG)).toMatch(/^开始填报「“双公示”（行政许可）信息报送」（2026年10月 · 商事登记项目审批服务科，截止 10月26日 18:00）。.*\n⚠️ 截止时间 10月26日 18:00 已过，现在提交将记为逾期。\n（1\/7）/);
  });
});

describe('a form lives in working days (issue 9, item 3)', () => {
  it('reminds before it lapses, sets it aside at the end of the next working day, and 继续填报 restores it', async () => {
    const s = scriptFrom('2026-11-20T10:00:00+08:00')
      .dm('wang-fang', '填报 双公示', '120')
      .at('2026-11-24T09:00:00+08:00')
      .dm('wang-fang', '118', '继续填报', '118');
    const texts = formTexts(await simulate(s.lines), WANG);
    // Friday's form lives until Monday 17:30, with a reminder at 15:30.
    expect(texts[2]).toBe('⏰ 您的「双公示（2026年11月 · 商事登记项目审批服务科，第 2/7 项）」还没填完，将于 11月23日 17:30 过期。直接回复即可接着填；过期后 7 天内仍可发送「继续填报」恢复。');
    expect(texts[3]).toBe('现在没有正在填写的表单，「118」没有记录。您的「双公示（2026年11月 · 商事登记项目审批服务科，第 2/7 项）」（11月23日 17:30 过期）还没提交，发送「继续填报」接着填。');
    expect(texts[4]).toMatch(/^已恢复「双公示（.*第 2\/7 项）」，接着填：\n（2\/7）已上传至市信用平台的条数/);
    expect(texts[5]).toMatch(/^（3\/7）/);
  });

  it('sends the reminder once across a restart, and forgets a lapsed form after 7 days', async () => {
    const dataDir = tempDir();
    const first = await simulate(scriptFrom('2026-11-20T10:00:00+08:00').dm('wang-fang', '填报 双公示', '120').at('2026-11-23T16:00:00+08:00').lines, { dataDir });
    expect(formTexts(first, WANG).filter((x) => x.startsWith('⏰'))).toHaveLength(1);
    const second = await simulate(scriptFrom('2026-11-23T16:30:00+08:00').at('2026-11-24T09:00:00+08:00').lines, { dataDir });
    expect(formTexts(second, WANG)).toEqual([]);
    const later = await simulate(scriptFrom('2026-12-01T09:00:00+08:00').dm('wang-fang', '继续填报').lines, { dataDir });
    expect(formTexts(later, WANG)).toEqual(['没有放在一边或过期的表单（过期的表单保留 7 天）。要开始新的填报，请发送「填报」。']);
  });
});

/** What the bot said in a chat, without the deadline reminders that arrive meanwhile. */
function formTexts(out: Parameters<typeof textsTo>[0], chat: string): string[] {
  return textsTo(out, chat).filter((text) => !text.startsWith('【填报提醒】'));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('saving and closing the form are one store transaction (issue 9, item 9)', () => {
  it('a crash while the confirmation is sent leaves one submission and no open form: 确认 after the restart saves nothing twice', async () => {
    const first = await botHarness();
    await first.say('wang-fang', '填报 失信事件');
    await first.say('wang-fang', '否');
    const seenAtSend: Array<{ submissions: number; open: number }> = [];
    first.sent.push = (out) => {
      seenAtSend.push({ submissions: first.state().submissions.length, open: Object.keys(first.state().conversations).length });
      if (textOf(out).startsWith('✅')) throw new Error('process killed while sending');
      return 0;
    };
    await first.bot.handle(first.message('wang-fang', '确认'));
    expect(seenAtSend[0]).toEqual({ submissions: 1, open: 0 });

    const restarted = await botHarness({ dataDir: first.dataDir });
    const [reply] = await restarted.say('wang-fang', '确认');
    expect(textOf(reply)).toMatch(/^现在没有正在填写的表单，「确认」没有记录。您最近提交的是「失信事件」2026年11月（11月20日 09:00 已保存）/);
    expect(restarted.state().submissions).toHaveLength(1);
    expect(restarted.state().conversations).toEqual({});
  });

  it('a real kill -9 right after the save: the restarted bot has one submission and no open form', async () => {
    const dataDir = tempDir();
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'test/fixtures/crash-on-confirm.ts', dataDir], { encoding: 'utf8' });
    expect(child.signal, child.stderr).toBe('SIGKILL');
    const restarted = await botHarness({ dataDir });
    expect(textOf((await restarted.say('wang-fang', '确认'))[0])).toMatch(/^现在没有正在填写的表单，「确认」没有记录。您最近提交的是「失信事件」/);
    expect(restarted.state().submissions).toHaveLength(1);
    expect(restarted.state().conversations).toEqual({});
  }, 30_000);

  it('so does a points report', async () => {
    const first = await botHarness();
    for (const text of ['积分', '1', '11月12日获区级表彰']) await first.say('wang-fang', text);
    first.sent.push = () => {
      throw new Error('process killed while sending');
    };
    await first.bot.handle(first.message('wang-fang', '确认'));
    const restarted = await botHarness({ dataDir: first.dataDir });
    await restarted.say('wang-fang', '确认');
    expect(restarted.state().pointsItems).toHaveLength(1);
    expect(restarted.state().conversations).toEqual({});
  });
});

describe('replies never echo more than a clip of what was typed (issue 9, item 9)', () => {
  const LONG_RUN = /a{31}/;
  // Every stage of every form, and the places without one; `x` is where the hostile text goes.
  const stages: Array<{ who: string; before: string[]; send: (x: string) => string; chat?: 'group' }> = [
    { who: 'wang-fang', before: [], send: (x) => x },
    { who: 'wang-fang', before: [], send: (x) => `@信用助手 ${x}`, chat: 'group' },
    { who: 'wang-fang', before: [], send: (x) => `继续填报 ${x}` },
    { who: 'song-jia', before: ['填报'], send: (x) => x },
    { who: 'wang-fang', before: ['填报'], send: (x) => x },
    { who: 'wang-fang', before: ['填报 双公示'], send: (x) => x },
    { who: 'wang-fang', before: ['填报 失信事件'], send: (x) => x },
    { who: 'wang-fang', before: ['填报 失信事件', '是'], send: (x) => x },
    { who: 'wang-fang', before: ['填报 失信事件', '是'], send: (x) => `进度 ${x}` },
    { who: 'wang-fang', before: ['填报 信用动态'], send: (x) => x },
    { who: 'wang-fang', before: ['填报 失信事件', '否'], send: (x) => x },
    { who: 'wang-fang', before: ['填报 失信事件', '否', '填报 双公示'], send: (x) => x },
    { who: 'wang-fang', before: ['积分'], send: (x) => x },
    { who: 'wang-fang', before: ['积分', '其他'], send: (x) => x },
    { who: 'wang-fang', before: ['积分', '1'], send: (x) => x },
  ];

  for (const size of [100_000, 1_999]) {
    it(`${size} characters at every stage: each reply stays short and quotes at most 30 of them`, async () => {
      for (const [i, stage] of stages.entries()) {
        const h = await botHarness();
        for (const text of stage.before) await h.say(stage.who, text);
        const replies = await h.say(stage.who, stage.send('a'.repeat(size)), { chat: stage.chat ?? 'dm', mention: stage.chat === 'group' });
        expect(replies.length, `stage ${i}`).toBeGreaterThan(0);
        for (const reply of replies) {
          expect(textOf(reply).length, `stage ${i}`).toBeLessThan(1500);
          expect(textOf(reply), `stage ${i}`).not.toMatch(LONG_RUN);
        }
      }
    });
  }
});

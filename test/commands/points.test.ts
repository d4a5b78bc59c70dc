import { describe, expect, it } from 'vitest';
import { lastTo, scriptFrom, textsTo } from '../helpers/script';
import { simulate } from '../helpers/simulate';

const report = (who: string) => scriptFrom('2026-11-10T09:00:00+08:00').dm(who, '积分', '1', '11月12日收到企业赠送锦旗', '确认');

describe('积分: report, verify, compile', () => {
  it('takes a listed item, sends it to the section head with buttons, and tells the reporter the outcome', async () => {
    const s = report('zhao-lei').dm('sun-haoran', '同意 1');
    const out = await simulate(s.lines);
    const zhao = textsTo(out, 'dm:zhao-lei');
    expect(zhao[0]).toMatch(/^【申报机关信用积分（2026年11月）】\n请选择事项（回复序号或名称）；不在列表中的选「其他」。\n1\. 加分｜受到服务对象书面表扬或锦旗｜1 分/);
    expect(zhao[2]).toBe('【请核对积分申报】\n加分 1 分｜受到服务对象书面表扬或锦旗\n理由：11月12日收到企业赠送锦旗\n将由 孙浩然 核实。回复「确认」提交，「取消」放弃。\n回复序号：1. 确认提交  2. 取消');
    expect(zhao[3]).toBe('已提交积分申报 #1（加分 1 分｜受到服务对象书面表扬或锦旗），等待 孙浩然 核实。');
    const head = textsTo(out, 'dm:sun-haoran');
    expect(head[0]).toBe(
      '【积分核实 #1】\n赵磊（商事登记项目审批服务科）申报 加分 1 分\n事项：受到服务对象书面表扬或锦旗\n理由：11月12日收到企业赠送锦旗\n申报时间：11月10日 09:03\n回复「同意 1」，或「退回 1 理由」。\n回复序号：1. 同意  2. 退回',
    );
    expect(head[1]).toBe('已同意积分申报 #1（赵磊 加分 1 分），已通知本人。');
    expect(zhao.at(-1)).toBe('✅ 您的积分申报 #1（加分 1 分｜受到服务对象书面表扬或锦旗）已由 孙浩然 核实通过。');
    expect(out.filter((o) => o.chat === 'group')).toEqual([]);
  });

  it('lets a head return an item with a reason, pressing the button then writing it', async () => {
    const s = report('zhao-lei').dm('sun-haoran', '2', '退回 1 时间地点不清楚', '同意 1');
    const out = await simulate(s.lines);
    expect(textsTo(out, 'dm:sun-haoran').slice(1)).toEqual([
      '请写明退回理由，例如「退回 1 事实不清，请补充时间地点」。',
      '已退回积分申报 #1（赵磊），已通知本人。',
      expect.stringMatching(/^积分申报 #1 已处理（已退回，11月10日 09:0\d），无需再处理。$/),
    ]);
    expect(lastTo(out, 'dm:zhao-lei')).toBe('↩️ 您的积分申报 #1（加分 1 分｜受到服务对象书面表扬或锦旗）被 孙浩然 退回：时间地点不清楚');
  });

  it('describes an item not in the list: kind, points, name, reason', async () => {
    const s = scriptFrom('2026-11-10T09:00:00+08:00').dm('zhao-lei', '积分', '其他', '加分', '20', '1.5', '协助窗口完成急难任务', '周末加班两天', '确认');
    const texts = textsTo(await simulate(s.lines), 'dm:zhao-lei');
    expect(texts).toContain('20 分不在 0.5 到 10 之间。分值是多少？填 0.5 到 10 之间的数，例如 1。');
    expect(texts.at(-1)).toBe('已提交积分申报 #1（加分 1.5 分｜协助窗口完成急难任务），等待 孙浩然 核实。');
  });

  it('sends a head\'s own items to the admins, and refuses other heads', async () => {
    const s = report('sun-haoran').dm('feng-jianguo', '同意 1').dm('lin-xiaoyan', '同意 1');
    const out = await simulate(s.lines);
    expect(lastTo(out, 'dm:feng-jianguo')).toBe('积分申报 #1 由 林晓燕、许文博、高雅 核实，您不能处理。');
    expect(lastTo(out, 'dm:lin-xiaoyan')).toBe('已同意积分申报 #1（孙浩然 加分 1 分），已通知本人。');
  });

  it('keeps personal points out of the group', async () => {
    const s = scriptFrom('2026-11-10T09:00:00+08:00').group('zhao-lei', '积分');
    const out = await simulate(s.lines);
    expect(textsTo(out, 'group')).toEqual(['「积分」涉及个人或科室信息，已在私聊中回复您。']);
    expect(lastTo(out, 'dm:zhao-lei')).toMatch(/^【申报机关信用积分/);
  });

  it('shows a person their own record, a head their pending items, and the office the totals', async () => {
    const s = report('zhao-lei')
      .dm('yang-fan', '积分', '5', '11月3日晚报信用监测材料', '确认')
      .dm('feng-jianguo', '同意 2')
      .dm('zhao-lei', '积分 记录')
      .dm('sun-haoran', '积分 待审')
      .dm('zhou-min', '积分 汇总')
      .dm('wang-fang', '积分 汇总');
    const out = await simulate(s.lines);
    expect(lastTo(out, 'dm:zhao-lei')).toBe('【我的积分（2026年11月）】\n已核实合计：0 分（加 0，扣 0）；待核实 1 项。\n编号｜类型｜分值｜事项｜状态\n#1｜加分｜1｜受到服务对象书面表扬或锦旗｜待核实');
    expect(lastTo(out, 'dm:sun-haoran')).toMatch(/^【待您核实的积分申报】\n#1 赵磊｜加分 1 分｜受到服务对象书面表扬或锦旗｜11月12日收到企业赠送锦旗/);
    expect(lastTo(out, 'dm:zhou-min')).toBe(
      '【机关信用积分汇总（2026年11月）】\n科室｜姓名｜加分｜扣分｜合计｜待核实\n商事登记项目审批服务科｜赵磊｜0｜0｜0｜1\n社会事务项目审批服务科｜杨帆｜0｜1｜-1｜0',
    );
    expect(lastTo(out, 'dm:wang-fang')).toBe('积分汇总只对办公室和管理员开放。');
  });
});

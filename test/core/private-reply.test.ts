import { describe, expect, it } from 'vitest';
import { botHarness, textOf } from '../helpers/bot-harness';
import { scriptFrom, textsTo } from '../helpers/script';
import { simulate } from '../helpers/simulate';

const NOTE = (command: string) => `「${command}」涉及个人或科室信息，已在私聊中回复您。`;

describe('what is said in the group: personal data only in direct chats', () => {
  it('我是谁 in the group: the group hears it was answered privately, the phone and e-mail go to the direct chat', async () => {
    const h = await botHarness();
    const out = await h.say('wang-fang', '我是谁', { chat: 'group' });
    const group = out.filter((o) => o.to.kind === 'group');
    expect(group.map(textOf)).toEqual([NOTE('我是谁')]);
    expect(group[0]!.mentions).toEqual(['wang-fang']);
    const direct = out.filter((o) => o.to.kind === 'direct');
    expect(direct.map((o) => o.to)).toEqual([{ kind: 'direct', personId: 'wang-fang' }]);
    expect(textOf(direct[0])).toContain('手机 13800000011');
    expect(textOf(direct[0])).toContain('邮箱 wang.fang@example.com');
  });

  it('我是谁 from someone outside the roster in the group: asked to write directly, no platform id shown', async () => {
    const h = await botHarness();
    const out = await h.say('ou_unknown', '我是谁', { chat: 'group', channel: 'lark' });
    expect(out.map(textOf)).toEqual(['「我是谁」的结果含个人信息，不在群里显示，请私聊我发送「我是谁」。']);
  });

  it('进度 in the group: a section return reason reaches only the asker', async () => {
    const s = scriptFrom('2026-11-20T09:00:00+08:00')
      .dm('wang-fang', '填报 失信事件', '否', '确认')
      .dm('xu-wenbo', '退回 商事登记科 失信事件 请核对本月网络舆情')
      .group('wang-fang', '进度')
      .group('xu-wenbo', '进度');
    const out = await simulate(s.lines);
    expect(textsTo(out, 'group')).toEqual([NOTE('进度'), NOTE('进度')]);
    expect(textsTo(out, 'dm:wang-fang').at(-1)).toContain('「失信事件」被退回：请核对本月网络舆情');
    expect(textsTo(out, 'dm:xu-wenbo').at(-1)).toMatch(/^【2026年11月 各科室填报进度】/);
  });

  it('积分 记录, 同意, 免报 and 导出 in the group: points, reasons and outcomes go to direct chats', async () => {
    const s = scriptFrom('2026-11-10T09:00:00+08:00')
      .dm('zhao-lei', '积分', '1', '11月12日收到企业赠送锦旗', '确认')
      .group('sun-haoran', '同意 1')
      .group('zhao-lei', '积分 记录')
      .group('xu-wenbo', '免报 建设科 重错码 本月市里未反馈重错码')
      .group('xu-wenbo', '导出');
    const out = await simulate(s.lines);
    const group = textsTo(out, 'group');
    expect(group).toEqual([NOTE('同意'), NOTE('积分'), NOTE('免报'), NOTE('导出')]);
    expect(textsTo(out, 'dm:sun-haoran').at(-1)).toBe('已同意积分申报 #1（赵磊 加分 1 分），已通知本人。');
    expect(textsTo(out, 'dm:zhao-lei').at(-1)).toMatch(/^【我的积分（2026年11月）】\n已核实合计：1 分/);
    expect(textsTo(out, 'dm:xu-wenbo').some((t) => t.includes('本月市里未反馈重错码'))).toBe(true);
    for (const text of group) expect(text).not.toMatch(/锦旗|重错码|1 分|13800/);
  });

  it('leaves commands without personal data in the group', async () => {
    const h = await botHarness();
    const [reply, ...rest] = await h.say('wang-fang', '资料', { chat: 'group' });
    expect(rest).toEqual([]);
    expect(reply!.to).toEqual({ kind: 'group', groupId: 'main' });
  });
});

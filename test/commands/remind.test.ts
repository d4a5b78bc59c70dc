import { describe, expect, it } from 'vitest';
import { lastTo, scriptFrom, textsTo } from '../helpers/script';
import { simulate } from '../helpers/simulate';

describe('提醒', () => {
  it('previews the coming week, leaving out what submissions already settle', async () => {
    const s = scriptFrom('2026-11-16T11:00:00+08:00').dm('wang-fang', '填报 红黑名单', '0', '0', '0', '跳过', '确认').dm('xu-wenbo', '提醒 预览');
    const text = lastTo(await simulate(s.lines), 'dm:xu-wenbo');
    const lines = text.split('\n');
    expect(lines[0]).toBe('【未来 7 天的提醒（11月16日 11:06 起）】');
    const line = (prefix: string) => lines.find((l) => l.startsWith(prefix)) ?? '';
    expect(line('11月17日 09:30｜私聊 何静｜')).toMatch(/^11月17日 09:30｜私聊 何静｜填报提醒：红黑名单、平台月报、/);
    expect(line('11月17日 09:30｜私聊 王芳｜')).toMatch(/^11月17日 09:30｜私聊 王芳｜填报提醒：平台月报、/);
    // The admins' morning digest names what came in: 王芳's 红黑名单.
    expect(line('11月17日 09:30｜私聊 高雅｜')).toBe('11月17日 09:30｜私聊 高雅｜每日报送情况：红黑名单');
    expect(line('11月19日 09:30｜私聊 孙浩然｜')).toMatch(/^11月19日 09:30｜私聊 孙浩然｜即将截止：平台月报、/);
    expect(line('11月19日 10:00｜群聊「信用体系建设工作群」｜')).toMatch(/｜截止提醒：红黑名单、平台月报、/);
    expect(line('11月23日 09:30｜私聊 林晓燕｜')).toBe('11月23日 09:30｜私聊 林晓燕｜每日报送情况：红黑名单');
    expect(lines.at(-1)).toBe('按目前的报送情况推算；期间有人报送或登记免报，相应提醒就不再发送。');
  });

  it('asked in the group, answers the 7-day plan (names and what each section owes) only in the admin\'s direct chat', async () => {
    const s = scriptFrom('2026-11-16T11:00:00+08:00').group('xu-wenbo', '提醒 预览');
    const out = await simulate(s.lines);
    expect(textsTo(out, 'group')).toEqual(['「提醒」涉及个人或科室信息，已在私聊中回复您。']);
    expect(lastTo(out, 'dm:xu-wenbo')).toMatch(/^【未来 7 天的提醒（11月16日 11:00 起）】\n/);
  });

  it('reminds now: a DM to each missing reporter and one group message', async () => {
    const s = scriptFrom('2026-11-12T10:00:00+08:00').dm('wang-fang', '填报 重错码', '0', '0', '确认').dm('xu-wenbo', '提醒 立即 重错码');
    const out = await simulate(s.lines);
    expect(lastTo(out, 'dm:xu-wenbo')).toBe('已提醒「重错码」2026年11月尚未报送的 3 个科室：社会事务科、建设项目科、体系建设科。');
    expect(textsTo(out, 'group')).toEqual([expect.stringContaining('「重错码」截止 11月26日（周四）18:00：@何静（社会事务科） @刘洋（建设项目科） @许文博（体系建设科）')]);
    expect(lastTo(out, 'dm:he-jing')).toMatch(/^【填报提醒】\n何静，您好/);
    expect(textsTo(out, 'dm:wang-fang').some((t) => t.startsWith('【填报提醒】'))).toBe(false);
  });

  it('records a reminder asked for after hours and sends it the next working morning', async () => {
    const s = scriptFrom('2026-11-12T19:00:00+08:00').dm('xu-wenbo', '提醒 立即 重错码').at('2026-11-13T09:30:00+08:00');
    const out = await simulate(s.lines);
    expect(textsTo(out, 'dm:xu-wenbo')[0]).toBe('已提醒「重错码」2026年11月尚未报送的 4 个科室：商事登记科、社会事务科、建设项目科、体系建设科。\n现在不是工作时间，提醒已记录，将在下一个工作时间（11月13日 09:00）发出。');
    expect(out.find((o) => o.chat === 'group')!.at).toBe('2026-11-13T09:00:00+08:00');
  });

  it('explains its usage and an unknown task, and is for admins only', async () => {
    const s = scriptFrom('2026-11-12T10:00:00+08:00').dm('xu-wenbo', '提醒', '提醒 立即 天气').dm('wang-fang', '提醒 预览');
    const out = await simulate(s.lines);
    expect(textsTo(out, 'dm:xu-wenbo')[0]).toMatch(/^用法：「提醒 预览」/);
    expect(textsTo(out, 'dm:xu-wenbo')[1]).toMatch(/^没有看懂「天气」：它不是可选的任务或月份。\n可选的任务：制度学习、双公示/);
    expect(lastTo(out, 'dm:wang-fang')).toBe('「提醒」只有管理员可以使用，您是专人。发送「帮助」查看您能用的命令。');
  });
});

describe('免报 and 取消免报', () => {
  it('records an exemption with its reason, shows it in progress, and can be undone', async () => {
    const s = scriptFrom('2026-11-12T10:00:00+08:00')
      .dm('xu-wenbo', '免报 建设项目科 重错码', '免报 建设项目科 重错码 本月市里未反馈重错码', '免报 建设项目科 重错码 再来一次', '免报 办公室 双公示 无')
      .dm('liu-yang', '进度')
      .dm('xu-wenbo', '取消免报 建设项目科 重错码', '取消免报 建设项目科 重错码');
    const out = await simulate(s.lines);
    expect(textsTo(out, 'dm:xu-wenbo')).toEqual([
      '请写明免报理由，例如「免报 建设项目科 重错码 本月无相关业务」。',
      '已登记建设项目审批服务科2026年11月的「重错码」免报：本月市里未反馈重错码。该科室不会再收到这项提醒。',
      '建设项目审批服务科2026年11月的「重错码」已于 11月12日 10:01 由 许文博 登记免报：本月市里未反馈重错码',
      '办公室本来就不需要报送「双公示」。',
      '已撤销建设项目审批服务科2026年11月的「重错码」免报，恢复为应报。',
      '建设项目审批服务科2026年11月的「重错码」没有登记免报。',
    ]);
    expect(lastTo(out, 'dm:liu-yang')).toContain('重错码｜11月26日 18:00｜免报 ⭕');
  });
});

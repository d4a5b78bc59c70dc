import { describe, expect, it } from 'vitest';
import type { SimulatedOutput } from '../../src/channels/simulate-channel';
import { scriptFrom } from '../helpers/script';
import { simulate } from '../helpers/simulate';
import { tempDir } from '../helpers/temp-dir';

const day = (o: SimulatedOutput) => o.at.slice(0, 10);
const groupReminders = (out: SimulatedOutput[]) => out.filter((o) => o.chat === 'group' && o.text.startsWith('【截止提醒】'));
const dmsTo = (out: SimulatedOutput[], person: string, title: string) => out.filter((o) => o.chat === `dm:${person}` && o.card?.title === title);

/** A whole month of the live bot's reminders, with nobody submitting. */
async function quietMonth(from: string, to: string, dataDir?: string) {
  return simulate(scriptFrom(from).at(from).at(to).lines, { dataDir });
}

describe('November 2026: an ordinary month', () => {
  it('reminds at the planned times: DMs three working days before, the group the day before, heads on the day, admins after', async () => {
    const out = await quietMonth('2026-11-01T08:00:00+08:00', '2026-11-30T18:00:00+08:00');
    // 红黑名单 is due Fri 20th, 平台月报 Wed 25th, the rest Thu 26th.
    expect(dmsTo(out, 'wang-fang', '填报提醒').map((o) => o.at)).toEqual(['2026-11-17T09:30:00+08:00', '2026-11-20T09:30:00+08:00', '2026-11-23T09:30:00+08:00']);
    expect(groupReminders(out).map((o) => o.at)).toEqual(['2026-11-19T10:00:00+08:00', '2026-11-24T10:00:00+08:00', '2026-11-25T10:00:00+08:00']);
    expect(dmsTo(out, 'sun-haoran', '今日截止').map((o) => o.at)).toEqual(['2026-11-20T09:00:00+08:00', '2026-11-25T09:00:00+08:00', '2026-11-26T09:00:00+08:00']);
    expect(dmsTo(out, 'lin-xiaoyan', '逾期未报').map((o) => o.at)).toEqual(['2026-11-23T09:30:00+08:00', '2026-11-26T09:30:00+08:00', '2026-11-27T09:30:00+08:00']);
    // Never on a weekend, never outside working hours.
    expect(out.filter((o) => ['2026-11-21', '2026-11-22', '2026-11-28', '2026-11-29'].includes(day(o)))).toEqual([]);
    expect(out.every((o) => o.at.slice(11, 16) >= '09:00' && o.at.slice(11, 16) < '17:30')).toBe(true);
  });

  it('sends one group message per day, grouped by task, mentioning exactly the missing reporters', async () => {
    const out = await quietMonth('2026-11-01T08:00:00+08:00', '2026-11-25T12:00:00+08:00');
    const [red, platform, monthly] = groupReminders(out);
    expect(red!.text).toBe(
      '【截止提醒】以下任务即将截止，请尚未报送的同志抓紧：\n「红黑名单」截止 11月20日（周五）18:00：@王芳（商事登记科） @何静（社会事务科） @刘洋（建设项目科） @许文博（体系建设科） @宋佳（受理窗口）\n私聊信用助手发送「填报」即可开始。',
    );
    expect(red!.mentions).toEqual(['wang-fang', 'he-jing', 'liu-yang', 'xu-wenbo', 'song-jia']);
    expect(platform!.text).toContain('「平台月报」截止 11月25日（周三）18:00：');
    const lines = monthly!.text.split('\n');
    expect(lines.filter((l) => l.startsWith('「'))).toHaveLength(10);
    expect(lines[1]).toBe('「制度学习」截止 11月26日（周四）18:00：@陈思远（办公室） @郑晓雯（人事科） @许文博（体系建设科）');
    expect(new Set(monthly!.mentions).size).toBe(monthly!.mentions.length);
  });

  it('gives a reporter one DM listing all their tasks, with a button for each', async () => {
    const out = await quietMonth('2026-11-23T08:00:00+08:00', '2026-11-23T12:00:00+08:00');
    const [dm] = dmsTo(out, 'wang-fang', '填报提醒');
    expect(dm!.card!.lines![0]).toBe('王芳，您好：以下任务尚未报送，请在截止前完成：');
    expect(dm!.card!.lines).toContain('• 双公示（商事登记项目审批服务科）— 截止 11月26日（周四）18:00');
    expect(dm!.card!.buttons![0]).toEqual({ label: '开始填报 双公示', value: '填报 双公示 商事登记科 2026-11' });
    // 宋佳 reports for two sections: one DM covering both.
    expect(dmsTo(out, 'song-jia', '填报提醒')).toHaveLength(1);
    expect(dmsTo(out, 'song-jia', '填报提醒')[0]!.card!.lines!.filter((l) => l.startsWith('• 信用动态'))).toEqual([
      '• 信用动态（监督考核科）— 截止 11月26日（周四）18:00',
      '• 信用动态（综合受理窗口）— 截止 11月26日（周四）18:00',
    ]);
  });

  it('stops reminding a section that submits after the first reminder, and an exempt one', async () => {
    const s = scriptFrom('2026-11-17T08:00:00+08:00')
      .at('2026-11-17T08:00:00+08:00')
      .at('2026-11-18T10:00:00+08:00')
      .dm('wang-fang', '填报 红黑名单', '1', '0', '2', '跳过', '确认')
      .dm('xu-wenbo', '免报 建设项目科 红黑名单 本月无相关业务')
      .at('2026-11-23T17:00:00+08:00');
    const out = await simulate(s.lines);
    expect(dmsTo(out, 'wang-fang', '填报提醒').map((o) => o.at)).toEqual(['2026-11-17T09:30:00+08:00', '2026-11-20T09:30:00+08:00', '2026-11-23T09:30:00+08:00']);
    expect(dmsTo(out, 'wang-fang', '填报提醒')[1]!.card!.lines!.join()).not.toContain('红黑名单');
    const red = groupReminders(out)[0]!;
    expect(red.mentions).toEqual(['he-jing', 'xu-wenbo', 'song-jia']);
    expect(dmsTo(out, 'sun-haoran', '今日截止').filter((o) => o.at.startsWith('2026-11-20'))).toEqual([]);
    expect(dmsTo(out, 'han-yu', '今日截止').filter((o) => o.at.startsWith('2026-11-20'))).toEqual([]);
    expect(out.find((o) => o.chat === 'dm:liu-yang' && o.text.startsWith('⭕'))!.text).toBe('⭕ 建设项目审批服务科2026年11月的「红黑名单」已由 许文博 登记免报：本月无相关业务');
    const overdue = dmsTo(out, 'lin-xiaoyan', '逾期未报')[0]!;
    expect(overdue.card!.lines).toContain('「红黑名单」截止 11月20日 18:00：社会事务科、体系建设科、受理窗口');
  });
});

describe('February 2026: Spring Festival', () => {
  it('moves the 20th off the holiday to the worked Saturday 2-14, and is silent through the festival', async () => {
    const out = await quietMonth('2026-02-01T08:00:00+08:00', '2026-02-28T18:00:00+08:00');
    // The 20th falls in the festival: due on the previous working day, Saturday 2-14 (a worked day).
    expect(groupReminders(out)[0]!.text).toContain('「红黑名单」截止 2月14日（周六）18:00');
    expect(groupReminders(out).map(day)).toEqual(['2026-02-13', '2026-02-24', '2026-02-25']);
    expect(dmsTo(out, 'sun-haoran', '今日截止').map(day)).toEqual(['2026-02-14', '2026-02-25', '2026-02-26']);
    // 3 working days before the 26th counts back over the festival to Saturday 2-14.
    expect(dmsTo(out, 'wang-fang', '填报提醒').map(day)).toEqual(['2026-02-11', '2026-02-13', '2026-02-14']);
    const festival = ['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23'];
    expect(out.filter((o) => festival.includes(day(o)))).toEqual([]);
    // Overdue 红黑名单 reaches the admins on the first working day after the festival.
    expect(dmsTo(out, 'lin-xiaoyan', '逾期未报').map(day)).toEqual(['2026-02-24', '2026-02-26', '2026-02-27']);
  });
});

describe('October 2026: National Day, and a due date on a Sunday', () => {
  it('moves the 25th (a Sunday) to Friday 10-23 and sends nothing during the holiday', async () => {
    const out = await quietMonth('2026-10-01T08:00:00+08:00', '2026-10-31T18:00:00+08:00');
    expect(groupReminders(out).map((o) => o.text.split('\n')[1]!.slice(0, 25))).toEqual([
      '「红黑名单」截止 10月20日（周二）18:00：',
      '「平台月报」截止 10月23日（周五）18:00：',
      '「制度学习」截止 10月26日（周一）18:00：',
    ]);
    expect(dmsTo(out, 'sun-haoran', '今日截止').map(day)).toEqual(['2026-10-20', '2026-10-23', '2026-10-26']);
    expect(out.filter((o) => day(o) <= '2026-10-07')).toEqual([]);
    // The 26th's DM goes three working days back from Monday: Tue 10-21 is not skipped by the weekend.
    expect(dmsTo(out, 'wang-fang', '填报提醒').map(day)).toEqual(['2026-10-15', '2026-10-20', '2026-10-21']);
  });
});

describe('exactly once across restarts', () => {
  it('a month run in two halves with the same data sends what one run sends', async () => {
    const whole = await quietMonth('2026-11-01T08:00:00+08:00', '2026-11-30T18:00:00+08:00');
    const dataDir = tempDir();
    const first = await quietMonth('2026-11-01T08:00:00+08:00', '2026-11-20T09:45:00+08:00', dataDir);
    const second = await quietMonth('2026-11-20T09:45:00+08:00', '2026-11-30T18:00:00+08:00', dataDir);
    expect([...first, ...second]).toEqual(whole);
  });

  it('after downtime, sends only the reminder that applies now, once', async () => {
    const dataDir = tempDir();
    await quietMonth('2026-11-01T08:00:00+08:00', '2026-11-16T18:00:00+08:00', dataDir);
    // Down from the 17th to Friday the 20th at 10:00: the 17th's DMs and the 19th's group
    // message for 红黑名单 are replaced by the heads' due-day reminder.
    const restart = await quietMonth('2026-11-20T10:00:00+08:00', '2026-11-20T10:30:00+08:00', dataDir);
    expect(restart.filter((o) => o.at === '2026-11-20T10:00:00+08:00').map((o) => `${o.chat} ${o.card?.title ?? o.text.slice(0, 6)}`).sort()).toEqual(
      [
        'dm:feng-jianguo 今日截止', 'dm:han-yu 今日截止', 'dm:lin-xiaoyan 今日截止', 'dm:sun-haoran 今日截止', 'dm:tang-lei 今日截止',
        // 平台月报's DMs were due at 09:30 that morning: still useful, so sent now.
        'dm:he-jing 填报提醒', 'dm:liu-yang 填报提醒', 'dm:wang-fang 填报提醒', 'dm:xu-wenbo 填报提醒',
      ].sort(),
    );
    const again = await quietMonth('2026-11-20T10:40:00+08:00', '2026-11-20T11:00:00+08:00', dataDir);
    expect(again).toEqual([]);
  });
});

describe('a year without a holiday schedule', () => {
  it('tells each admin once that weekdays are assumed', async () => {
    const out = await quietMonth('2026-12-01T08:00:00+08:00', '2026-12-31T18:00:00+08:00');
    const notices = out.filter((o) => o.text.startsWith('节假日数据中没有 2027 年'));
    expect(notices.map((o) => o.chat)).toEqual(['dm:lin-xiaoyan', 'dm:xu-wenbo', 'dm:gao-ya']);
    expect(notices[0]!.at).toBe('2026-12-01T09:00:00+08:00');
  });
});

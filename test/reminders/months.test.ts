import fs from 'node:fs';
import path from 'node:path';
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
  it('reminds the 20th, 25th and 26th as one round: reporters twice, the group once, heads the day before and on the day', async () => {
    const out = await quietMonth('2026-11-01T08:00:00+08:00', '2026-11-30T18:00:00+08:00');
    // 红黑名单 is due Fri 20th, 平台月报 Wed 25th, the rest Thu 26th: at most three working days apart.
    expect(dmsTo(out, 'wang-fang', '填报提醒').map((o) => o.at)).toEqual(['2026-11-17T09:30:00+08:00', '2026-11-26T09:30:00+08:00']);
    expect(groupReminders(out).map((o) => o.at)).toEqual(['2026-11-19T10:00:00+08:00']);
    expect(dmsTo(out, 'sun-haoran', '即将截止').map((o) => o.at)).toEqual(['2026-11-19T09:30:00+08:00']);
    expect(dmsTo(out, 'sun-haoran', '今日截止').map((o) => o.at)).toEqual(['2026-11-26T09:30:00+08:00']);
    // The admins hear the morning after each deadline passes, not once per section.
    expect(dmsTo(out, 'gao-ya', '每日报送情况').map(day)).toEqual(['2026-11-23', '2026-11-26', '2026-11-27']);
    // Never on a weekend, never outside working hours.
    expect(out.filter((o) => ['2026-11-21', '2026-11-22', '2026-11-28', '2026-11-29'].includes(day(o)))).toEqual([]);
    expect(out.every((o) => o.at.slice(11, 16) >= '09:00' && o.at.slice(11, 16) < '17:30')).toBe(true);
  });

  it('sends each person at most one reminder a day and the group at most one message a day', async () => {
    const out = await quietMonth('2026-11-01T08:00:00+08:00', '2026-11-30T18:00:00+08:00');
    // The ranking draft is a document to approve, not a reminder: it comes on its own.
    const reminders = out.filter((o) => !o.card?.title.includes('通报'));
    const perDay = new Map<string, number>();
    for (const o of reminders) perDay.set(`${o.chat} ${day(o)}`, (perDay.get(`${o.chat} ${day(o)}`) ?? 0) + 1);
    expect([...perDay].filter(([, n]) => n > 1)).toEqual([]);
    // 林晓燕 heads 体系建设科 and is an admin: one card on the 26th with both parts.
    const [both] = out.filter((o) => o.chat === 'dm:lin-xiaoyan' && day(o) === '2026-11-26');
    expect(both!.card!.title).toBe('今日提醒');
    expect(both!.card!.lines).toEqual(expect.arrayContaining(['【今日截止】', '', '【每日报送情况】']));
  });

  it('sends one group message grouped by task, mentioning exactly the missing reporters', async () => {
    const out = await quietMonth('2026-11-01T08:00:00+08:00', '2026-11-25T12:00:00+08:00');
    const [round] = groupReminders(out);
    const lines = round!.text.split('\n');
    expect(lines[1]).toBe('「红黑名单」截止 11月20日（周五）18:00：@王芳（商事登记科） @何静（社会事务科） @刘洋（建设项目科） @许文博（体系建设科） @宋佳（受理窗口）');
    expect(lines[2]).toBe('「平台月报」截止 11月25日（周三）18:00：@王芳（商事登记科） @何静（社会事务科） @刘洋（建设项目科） @许文博（体系建设科）');
    expect(lines.filter((l) => l.startsWith('「'))).toHaveLength(12);
    expect(new Set(round!.mentions).size).toBe(round!.mentions.length);
  });

  it('gives a reporter one DM listing all their tasks, with a button for every one', async () => {
    const out = await quietMonth('2026-11-17T08:00:00+08:00', '2026-11-17T12:00:00+08:00');
    const [dm] = dmsTo(out, 'wang-fang', '填报提醒');
    expect(dm!.card!.lines![0]).toBe('王芳，您好：以下任务尚未报送，请尽快完成：');
    expect(dm!.card!.lines).toContain('• 双公示（商事登记项目审批服务科）— 截止 11月26日（周四）18:00');
    const owed = dm!.card!.lines!.filter((l) => l.startsWith('• '));
    expect(owed).toHaveLength(10);
    expect(dm!.card!.buttons).toHaveLength(10);
    expect(dm!.card!.buttons![2]).toEqual({ label: '开始填报 双公示', value: '填报 双公示 商事登记科 2026-11' });
    // 宋佳 reports for two sections: one DM covering both, a button for each section's task.
    const [song] = dmsTo(out, 'song-jia', '填报提醒');
    expect(dmsTo(out, 'song-jia', '填报提醒')).toHaveLength(1);
    expect(song!.card!.lines!.filter((l) => l.startsWith('• 信用动态'))).toEqual([
      '• 信用动态（监督考核科）— 截止 11月26日（周四）18:00',
      '• 信用动态（综合受理窗口）— 截止 11月26日（周四）18:00',
    ]);
    expect(song!.card!.buttons!.map((b) => b.value)).toContain('填报 信用动态 受理窗口 2026-11');
  });

  it('keeps an overdue task in the section\'s reminders, marked 逾期, until it is submitted or exempt', async () => {
    const s = scriptFrom('2026-11-17T08:00:00+08:00')
      .at('2026-11-17T08:00:00+08:00')
      .at('2026-11-23T14:00:00+08:00')
      // 商事登记科 submits the 20th's report late; 建设项目科 is let off it.
      .dm('wang-fang', '填报 红黑名单', '0', '0', '0', '跳过', '确认')
      .dm('xu-wenbo', '免报 建设项目科 红黑名单 本月无相关业务')
      .at('2026-11-26T12:00:00+08:00');
    const out = await simulate(s.lines);
    const overdueLine = (section: string) => `• 红黑名单（${section}）— 已逾期（截止 11月20日（周五）18:00），请尽快补报`;
    const on26 = (person: string) => dmsTo(out, person, '填报提醒').find((o) => day(o) === '2026-11-26')!.card!.lines!;
    expect(on26('he-jing')).toContain(overdueLine('社会事务项目审批服务科'));
    expect(on26('he-jing')).toContain('• 平台月报（社会事务项目审批服务科）— 已逾期（截止 11月25日（周三）18:00），请尽快补报');
    expect(on26('he-jing')).toContain('• 双公示（社会事务项目审批服务科）— 今天 18:00 截止');
    expect(on26('wang-fang').join()).not.toContain('红黑名单');
    expect(on26('liu-yang').join()).not.toContain('红黑名单');
    const head = dmsTo(out, 'feng-jianguo', '今日截止')[0]!;
    expect(head.card!.lines).toContain('• 红黑名单（社会事务科）— 已逾期（截止 11月20日（周五）18:00），请尽快补报（专人：何静）');
  });

  it('tells the admins each morning what came in and what is overdue, instead of a DM per submission', async () => {
    const s = scriptFrom('2026-11-17T08:00:00+08:00')
      .at('2026-11-17T08:00:00+08:00')
      .at('2026-11-18T14:00:00+08:00')
      .dm('wang-fang', '填报 红黑名单', '0', '0', '0', '跳过', '确认')
      .dm('he-jing', '填报 红黑名单', '1', '0', '2', '跳过', '确认')
      // A correction the same afternoon is still one section's one report.
      .dm('wang-fang', '填报 红黑名单', '1', '0', '0', '跳过', '确认')
      .at('2026-11-23T12:00:00+08:00');
    const out = await simulate(s.lines);
    // Nothing reaches an admin when a section submits.
    expect(out.filter((o) => o.chat.startsWith('dm:') && !['dm:wang-fang', 'dm:he-jing'].includes(o.chat) && o.at.startsWith('2026-11-18'))).toEqual([]);
    const digests = dmsTo(out, 'gao-ya', '每日报送情况');
    expect(digests.map((o) => o.at)).toEqual(['2026-11-19T09:30:00+08:00', '2026-11-23T09:30:00+08:00']);
    expect(digests[0]!.card!.lines).toEqual([
      '11月18日 09:30 以来收到 2 份报送：',
      '• 「红黑名单」商事登记科、社会事务科',
      '目前没有逾期未报的任务。',
      '发送「进度」查看全部，「提醒 立即 任务」再次提醒未报科室。',
    ]);
    expect(digests[1]!.card!.lines).toContain('• 「红黑名单」截止 11月20日 18:00：建设项目科、体系建设科、受理窗口');
  });
});

describe('notify_admins_on_submit: true', () => {
  it('still tells the admins of each submission as it comes in, for a department that wants it', async () => {
    const tasksFile = path.join(tempDir(), 'tasks.yaml');
    fs.writeFileSync(tasksFile, fs.readFileSync('data/tasks.yaml', 'utf8').replace('notify_admins_on_submit: false', 'notify_admins_on_submit: true'));
    const s = scriptFrom('2026-11-18T14:00:00+08:00').dm('wang-fang', '填报 红黑名单', '0', '0', '0', '跳过', '确认');
    const out = await simulate(s.lines, { tasksFile });
    expect(out.filter((o) => o.chat === 'dm:gao-ya').map((o) => o.text)).toEqual(['📥 商事登记项目审批服务科 王芳 提交了「红黑名单」2026年11月，按时。']);
  });
});

describe('February 2026: Spring Festival', () => {
  it('moves the 20th off the holiday to the worked Saturday 2-14, and is silent through the festival', async () => {
    const out = await quietMonth('2026-02-01T08:00:00+08:00', '2026-02-28T18:00:00+08:00');
    // The 20th falls in the festival: due on the previous working day, Saturday 2-14 (a worked
    // day), two working days before the 25th: one round from 2-14 to 2-26.
    expect(groupReminders(out)[0]!.text).toContain('「红黑名单」截止 2月14日（周六）18:00');
    expect(groupReminders(out).map(day)).toEqual(['2026-02-13']);
    expect(dmsTo(out, 'sun-haoran', '即将截止').map(day)).toEqual(['2026-02-13']);
    expect(dmsTo(out, 'sun-haoran', '今日截止').map(day)).toEqual(['2026-02-26']);
    expect(dmsTo(out, 'wang-fang', '填报提醒').map(day)).toEqual(['2026-02-11', '2026-02-26']);
    const festival = ['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23'];
    expect(out.filter((o) => festival.includes(day(o)))).toEqual([]);
    // Overdue 红黑名单 reaches the admins on the first working day after the festival.
    expect(dmsTo(out, 'gao-ya', '每日报送情况').map(day)).toEqual(['2026-02-24', '2026-02-26', '2026-02-27']);
  });
});

describe('October 2026: National Day, and a due date on a Sunday', () => {
  it('moves the 25th (a Sunday) to Friday 10-23 and sends nothing during the holiday', async () => {
    const out = await quietMonth('2026-10-01T08:00:00+08:00', '2026-10-31T18:00:00+08:00');
    expect(groupReminders(out).map((o) => o.text.split('\n').slice(1, 4).map((l) => l.slice(0, 25)))).toEqual([
      ['「红黑名单」截止 10月20日（周二）18:00：', '「平台月报」截止 10月23日（周五）18:00：', '「制度学习」截止 10月26日（周一）18:00：'],
    ]);
    expect(dmsTo(out, 'sun-haoran', '即将截止').map(day)).toEqual(['2026-10-19']);
    expect(dmsTo(out, 'sun-haoran', '今日截止').map(day)).toEqual(['2026-10-26']);
    expect(out.filter((o) => day(o) <= '2026-10-07')).toEqual([]);
    // Three working days back from Tuesday the 20th: Thursday 10-15.
    expect(dmsTo(out, 'wang-fang', '填报提醒').map(day)).toEqual(['2026-10-15', '2026-10-26']);
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

  it('after downtime, catches up the days missed in one message each, once', async () => {
    const dataDir = tempDir();
    await quietMonth('2026-11-01T08:00:00+08:00', '2026-11-16T18:00:00+08:00', dataDir);
    // Down from the 17th to Friday the 20th at 10:00: the 17th's reporter DMs and the 19th's
    // heads-up and group message are made up at once, each person hearing once.
    const restart = await quietMonth('2026-11-20T10:00:00+08:00', '2026-11-20T10:30:00+08:00', dataDir);
    expect(restart.every((o) => o.at === '2026-11-20T10:00:00+08:00')).toBe(true);
    expect(restart.map((o) => o.chat).sort()).toEqual([
      'dm:chen-siyuan', 'dm:feng-jianguo', 'dm:han-yu', 'dm:he-jing', 'dm:liang-zhigang', 'dm:lin-xiaoyan', 'dm:liu-yang', 'dm:song-jia',
      'dm:sun-haoran', 'dm:tang-lei', 'dm:wang-fang', 'dm:wu-lihua', 'dm:xu-wenbo', 'dm:zheng-xiaowen', 'dm:zhou-min', 'group',
    ]);
    // 红黑名单 is due today, so the heads hear 今日截止.
    expect(dmsTo(restart, 'sun-haoran', '今日截止')[0]!.card!.lines).toContain('• 红黑名单（商事登记科）— 今天 18:00 截止（专人：王芳）');
    const again = await quietMonth('2026-11-20T10:40:00+08:00', '2026-11-23T09:00:00+08:00', dataDir);
    expect(again).toEqual([]);
  });
});

describe('a year without a holiday schedule', () => {
  it('tells each admin once that weekdays are assumed', async () => {
    const out = await quietMonth('2026-12-01T08:00:00+08:00', '2026-12-31T18:00:00+08:00');
    const notices = out.filter((o) => o.text.includes('节假日数据中没有 2027 年'));
    expect(notices.map((o) => o.chat)).toEqual(['dm:lin-xiaoyan', 'dm:xu-wenbo', 'dm:gao-ya']);
    // In the admins' message of the first working morning that looks into 2027.
    expect(notices.map((o) => o.at)).toEqual(Array(3).fill('2026-12-01T09:30:00+08:00'));
  });
});

describe('December with November still overdue', () => {
  it('names the month on a button for another month, and the section for someone reporting for two', async () => {
    const out = await quietMonth('2026-11-01T08:00:00+08:00', '2026-12-15T12:00:00+08:00');
    const [card] = dmsTo(out, 'song-jia', '填报提醒').filter((o) => o.at === '2026-12-15T09:30:00+08:00');
    expect(card!.card!.buttons!.map((b) => b.label)).toEqual([
      '开始填报 红黑名单（受理窗口，11月）',
      '开始填报 信用动态（监督科，11月）',
      '开始填报 信用动态（受理窗口，11月）',
      '开始填报 信用核查（受理窗口，11月）',
      '开始填报 失信事件（监督科，11月）',
      '开始填报 失信事件（受理窗口，11月）',
      '开始填报 红黑名单（受理窗口）',
    ]);
    // Every button opens a different form.
    expect(new Set(card!.card!.buttons!.map((b) => b.value)).size).toBe(7);
  });
});

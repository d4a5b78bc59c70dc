import { describe, expect, it } from 'vitest';
import { similarity } from '../../src/core/argument-words';
import { botHarness, textOf } from '../helpers/bot-harness';

const SECTIONS = '可选的科室：办公室、人事科、商事登记科、社会事务科、建设项目科、体系建设科、监督科、受理窗口。';
const TASKS = '可选的任务：制度学习、双公示、信用承诺、信用动态、重错码、信易批、诚信宣传、信用核查、失信事件、异议修复、平台月报、红黑名单。';

/** The sample department on 2026-11-24 (Tuesday), 10:00 Beijing time. */
async function chat() {
  const h = await botHarness({ start: new Date('2026-11-24T02:00:00Z') });
  // What the sender reads in their direct chat (notices to others left out).
  return async (who: string, text: string) =>
    (await h.say(who, text))
      .filter((o) => o.to.kind === 'direct' && o.to.personId === who)
      .map(textOf)
      .join('\n---\n');
}

describe('wrong arguments get the specific reason', () => {
  it('进度 2025-13 and 13月: a month that does not exist is named, with the nearest real one, not replaced by this month', async () => {
    const say = await chat();
    expect(await say('xu-wenbo', '进度 2025-13')).toBe('没有「2025-13」这个月份：一年只有 1 至 12 月。您是不是要找 2025-12？月份可以写成 2026-11、11月、本月 或 上月。');
    expect(await say('wang-fang', '进度 13月')).toBe('没有「13月」这个月份：一年只有 1 至 12 月。您是不是要找 12月？月份可以写成 2026-11、11月、本月 或 上月。');
    expect(await say('wang-fang', '进度 10月')).toMatch(/^商事登记项目审批服务科 · 2026年10月 填报进度/);
  });

  it('进度 with a word that is neither section nor month lists both', async () => {
    const say = await chat();
    expect((await say('xu-wenbo', '进度 商事')).split('\n')).toEqual([
      '没有看懂「商事」：它不是可选的科室或月份。',
      '您是不是要找「商事登记科」？',
      SECTIONS,
      '月份可以写成 2026-11、11月、本月 或 上月。',
    ]);
  });

  it('导出 2026-13 exports nothing and says why', async () => {
    const say = await chat();
    expect(await say('xu-wenbo', '导出 2026-13')).toBe('没有「2026-13」这个月份：一年只有 1 至 12 月。您是不是要找 2026-12？月份可以写成 2026-11、11月、本月 或 上月。');
    expect((await say('xu-wenbo', '导出 上上月')).split('\n')[0]).toBe('没有看懂「上上月」：它不是可选的月份。');
  });

  it('退回 财务科 双公示 错了: the unknown section is named, with the sections there are', async () => {
    const say = await chat();
    expect((await say('xu-wenbo', '退回 财务科 双公示 错了')).split('\n')).toEqual(['没有看懂「财务科」：它不是可选的科室。', SECTIONS]);
    expect((await say('xu-wenbo', '退回 商事科 双公式 错了')).split('\n')).toEqual(['没有看懂「双公式」：它不是可选的任务。', '您是不是要找「双公示」？', TASKS]);
    expect((await say('xu-wenbo', '退回 商事科')).split('\n')).toEqual(['还缺少任务，请写成「退回 科室 任务 理由」。', TASKS]);
    expect(await say('xu-wenbo', '退回 商事科 双公示 2026-13 错了')).toMatch(/^没有「2026-13」这个月份/);
  });

  it('免报 商事科 不存在的任务 理由: the unknown task is named, with the tasks there are; section and task in either order', async () => {
    const say = await chat();
    expect((await say('xu-wenbo', '免报 商事科 不存在的任务 理由')).split('\n')).toEqual(['没有看懂「不存在的任务」：它不是可选的任务。', TASKS]);
    expect((await say('xu-wenbo', '免报 重错码 建设项目')).split('\n')).toEqual(['没有看懂「建设项目」：它不是可选的科室。', '您是不是要找「建设项目科」？', SECTIONS]);
    expect(await say('xu-wenbo', '免报 重错码 建设科 本月市里未反馈')).toMatch(/^已登记/);
    expect((await say('xu-wenbo', '取消免报 人事 重错码')).split('\n')[1]).toBe('您是不是要找「人事科」？');
  });

  it('同意 without a number asks for the number and lists the items waiting, not 退回’s usage', async () => {
    const say = await chat();
    await say('zhao-lei', '积分');
    await say('zhao-lei', '1');
    await say('zhao-lei', '11月12日收到企业赠送锦旗');
    await say('zhao-lei', '确认');
    expect(await say('sun-haoran', '同意')).toBe('请写上积分申报的编号，例如「同意 3」。\n待您核实的有：#1 赵磊（加分 1 分）。');
    expect(await say('sun-haoran', '同意 赵磊')).toBe('「赵磊」不是积分申报的编号：编号是数字，例如「同意 3」。\n待您核实的有：#1 赵磊（加分 1 分）。');
    expect(await say('feng-jianguo', '同意')).toBe('请写上积分申报的编号，例如「同意 3」。\n目前没有待您核实的积分申报。');
    expect(await say('sun-haoran', '同意 #1')).toBe('已同意积分申报 #1（赵磊 加分 1 分），已通知本人。');
  });

  it('退回 by a head: anything but a points number is the admins\' form, and the head is told to give a number', async () => {
    const say = await chat();
    const refused = '「退回 科室 任务 理由」只有管理员可以使用，您是科室负责人。发送「帮助」查看您能用的命令。核实积分申报请写编号：「退回 编号 理由」，例如「退回 3 事实不清」。';
    expect(await say('sun-haoran', '退回 事实不清')).toBe(refused);
    expect(await say('sun-haoran', '退回 商事科 双公示 错了')).toBe(refused);
    expect(await say('sun-haoran', '退回')).toMatch(/^用法：「退回 科室 任务 理由」.*科室负责人核实积分用「退回 编号 理由」/);
    expect(await say('sun-haoran', '退回 #9 事实不清')).toBe('没有编号为 9 的积分申报。发送「积分 待审」查看待核实的申报。');
  });

  it('填报 with an unknown task or a month that does not exist', async () => {
    const say = await chat();
    expect((await say('wang-fang', '填报 双公式')).split('\n').slice(0, 2)).toEqual(['没有看懂「双公式」：它不是可选的任务、科室或月份。', '您是不是要找「双公示」？']);
    expect(await say('wang-fang', '填报 双公示 2026-13')).toMatch(/^没有「2026-13」这个月份.*您是不是要找 2026-12？/);
  });

  it('积分 and 提醒 立即 with a month that does not exist', async () => {
    const say = await chat();
    expect((await say('zhao-lei', '积分 记录 2026-13')).split('\n')).toEqual([
      '没有「2026-13」这个月份：一年只有 1 至 12 月。您是不是要找 2026-12？月份可以写成 2026-11、11月、本月 或 上月。',
      '「积分」后面可以写 记录、待审、汇总 和月份，例如「积分 记录 11月」；只发「积分」开始申报。',
    ]);
    expect(await say('zhao-lei', '积分 10月')).toBe('2026年10月还没有积分申报。发送「积分」开始申报。');
    expect(await say('xu-wenbo', '提醒 立即 双公示 0月')).toMatch(/^没有「0月」这个月份.*您是不是要找 1月？/);
  });
});

describe('months without a year and months that have not begun', () => {
  it('on 11-25, 填报 双公示 12月 is the coming December, which has not begun: refused, with last year named', async () => {
    const h = await botHarness({ start: new Date('2026-11-25T02:00:00Z') });
    const said = (await h.say('wang-fang', '填报 双公示 12月')).map(textOf).join('\n');
    expect(said).toBe('「12月」是2026年12月，这个月还没有开始（现在是2026年11月），还不能填报、查看或导出。\n如果指的是2025年12月，请写上年份，例如「2025-12」。');
    expect(Object.keys(h.state().conversations)).toEqual([]);
  });

  it('填报 双公示 2027-01 is refused; 导出 and 进度 of a future month say it has not begun', async () => {
    const say = await chat();
    expect(await say('wang-fang', '填报 双公示 2027-01')).toBe('「2027-01」是2027年1月，这个月还没有开始（现在是2026年11月），还不能填报、查看或导出。');
    expect(await say('xu-wenbo', '导出 2027-03')).toMatch(/^「2027-03」是2027年3月，这个月还没有开始/);
    expect(await say('xu-wenbo', '进度 2027-03')).toMatch(/^「2027-03」是2027年3月，这个月还没有开始/);
    expect(await say('xu-wenbo', '进度 3月')).toMatch(/^「3月」是2027年3月，这个月还没有开始.*\n如果指的是2026年3月，请写上年份，例如「2026-03」。$/);
    expect(await say('zhao-lei', '积分 记录 2027-01')).toMatch(/^「2027-01」是2027年1月，这个月还没有开始/);
    expect(await say('xu-wenbo', '提醒 立即 双公示 12月')).toMatch(/^「12月」是2026年12月，这个月还没有开始/);
  });

  it('a past month without a year is this year’s, and 免报 may be set for the coming month', async () => {
    const say = await chat();
    expect(await say('wang-fang', '进度 6月')).toMatch(/^商事登记项目审批服务科 · 2026年6月 填报进度/);
    expect(await say('xu-wenbo', '免报 建设科 重错码 12月 下月市里不反馈')).toMatch(/^已登记.*2026年12月/);
  });
});

describe('two words of one kind are asked back, not one of them dropped', () => {
  it('进度 11月 12月 and 进度 商事科 社事科 name both words', async () => {
    const say = await chat();
    expect(await say('xu-wenbo', '进度 10月 11月')).toBe('您说了两个月份（「10月」和「11月」），不知道要哪一个，请只写一个。');
    expect(await say('xu-wenbo', '进度 11月 12月')).toBe('您说了两个月份（「11月」和「12月」），不知道要哪一个，请只写一个。');
    expect(await say('xu-wenbo', '进度 12月 11月')).toBe('您说了两个月份（「12月」和「11月」），不知道要哪一个，请只写一个。');
    expect(await say('xu-wenbo', '进度 商事科 社事科')).toBe('您说了两个科室（「商事科」和「社事科」），不知道要哪一个，请只写一个。');
    expect(await say('xu-wenbo', '导出 10月 2026-09')).toBe('您说了两个月份（「10月」和「2026-09」），不知道要哪一个，请只写一个。');
    expect(await say('wang-fang', '填报 双公示 信用承诺')).toBe('您说了两个任务（「双公示」和「信用承诺」），不知道要哪一个，请只写一个。');
    expect(await say('xu-wenbo', '免报 商事科 社事科 双公示 无')).toBe('您说了两个科室（「商事科」和「社事科」），不知道要哪一个，请只写一个。');
  });

  it('the same thing said twice is no ambiguity', async () => {
    const say = await chat();
    expect(await say('xu-wenbo', '进度 商事科 商事登记科')).toMatch(/^商事登记项目审批服务科 · 2026年11月 填报进度/);
  });

  it('提醒 立即 双公式 gets the did-you-mean of any other task word', async () => {
    const say = await chat();
    expect((await say('xu-wenbo', '提醒 立即 双公式')).split('\n').slice(0, 2)).toEqual(['没有看懂「双公式」：它不是可选的任务或月份。', '您是不是要找「双公示」？']);
    expect((await say('xu-wenbo', '提醒 立即 11月')).split('\n')[0]).toBe('还缺少任务，请写成「提醒 立即 任务 [月份]」。');
  });
});

describe('similarity of names', () => {
  it.each([
    ['双公示', '双公示', 1],
    ['双公式', '双公示', 2 / 3],
    ['商事', '商事科', 2 / 3],
    ['受理', '受理窗口', 0.5],
    ['财务科', '人事科', 1 / 3],
    ['abc', '', 0],
  ])('%s ~ %s = %d', (a, b, value) => {
    expect(similarity(a, b)).toBeCloseTo(value);
  });
});

import { describe, expect, it } from 'vitest';
import { botHarness, textOf } from '../helpers/bot-harness';

/** `排名`'s own argument words are read, and explained when wrong, by the shared resolver. */
describe('排名 with a wrong month or section gets the specific reason', () => {
  const ask = async (text: string, from = 'xu-wenbo') => {
    const h = await botHarness({ start: new Date('2026-11-24T10:00:00+08:00') });
    return (await h.say(from, text)).map(textOf).join('\n');
  };

  it('排名 2025-13 and 排名 13月 name the month that does not exist and the nearest one', async () => {
    expect(await ask('排名 2025-13')).toMatch(/^没有「2025-13」这个月份：一年只有 1 至 12 月。您是不是要找 2025-12？/);
    expect(await ask('排名 13月')).toMatch(/^没有「13月」这个月份：一年只有 1 至 12 月。您是不是要找 12月？/);
  });

  it('排名 发布 2026-13 offers the nearest month instead of a generic usage', async () => {
    expect(await ask('排名 发布 2026-13')).toMatch(/^没有「2026-13」这个月份：.*您是不是要找 2026-12？/);
    expect(await ask('排名 预览 下下月')).toContain('没有看懂「下下月」：它不是可选的月份。');
  });

  it('排名 历史 财务科 says 财务科 is not a section, with the choices — never the asker\'s own section instead', async () => {
    const reply = await ask('排名 历史 财务科');
    expect(reply).toContain('没有看懂「财务科」：它不是可选的科室。');
    expect(reply).toContain('可选的科室：办公室、人事科、商事登记科');
    expect(reply).not.toContain('政务服务体系建设指导科还没有已发布的排名');
    expect(await ask('排名 历史 商是科')).toContain('您是不是要找「商事登记科」');
  });

  it('排名 历史 without a section still means the asker\'s own', async () => {
    expect(await ask('排名 历史', 'wang-fang')).toBe('商事登记项目审批服务科还没有已发布的排名。');
  });

  it('a word after 排名 that is no month is named, with the usage', async () => {
    const reply = await ask('排名 abc');
    expect(reply).toContain('没有看懂「abc」：它不是可选的月份。');
    expect(reply).toContain('用法：「排名 [月份]」');
  });
});

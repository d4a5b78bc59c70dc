import { describe, expect, it } from 'vitest';
import { parseAnswer } from '../../src/submissions/field-types';
import { normalizeInput, parseChoice, parseDate, parseListItem, parseNumberText, parseYesNo } from '../../src/submissions/parse-answer';
import type { Field, ListField } from '../../src/tasks/schema';

const now = new Date('2026-11-20T10:00:00+08:00');
const value = <T>(r: { ok: true; value: T } | { ok: false; reason: string }) => (r.ok ? r.value : `ERR ${r.reason}`);

describe('numbers as people type them', () => {
  it.each([
    ['15', 15], ['１５', 15], ['十五', 15], ['两百', 200], ['一千二百三十四', 1234], ['两千零五', 2005],
    ['1,234', 1234], ['1，234', 1234], ['12,345,678', 12345678], ['3万', 30000], ['1.2万', 12000],
    ['无', 0], ['没有', 0], ['零', 0], ['0', 0], ['15件', 15], ['共 120 条', 120], [' 7 ', 7], ['-3', -3],
  ])('%s → %s', (text, expected) => {
    expect(value(parseNumberText(text, true))).toBe(expected);
  });

  it('explains what is wrong', () => {
    expect(value(parseNumberText('abc', true))).toBe('ERR “abc”不是一个数');
    expect(value(parseNumberText('12.5', true))).toBe('ERR 这里要填整数，“12.5”带有小数');
    expect(value(parseNumberText('12.5', false))).toBe(12.5);
    expect(value(parseNumberText('1,23', true))).toBe('ERR “1,23”不是一个数');
    expect(value(parseNumberText('问'.repeat(35), true))).toBe(`ERR “${'问'.repeat(30)}…”不是一个数`);
    expect(value(parseNumberText('本月作出的行政许可决定数我还要去问一下办公室的同事，明天上午再报给你，先别催了，谢谢', true))).toBe('ERR 这段话太长（42 字），请只回复数字，例如「120」或「大概120条」');
  });

  it('applies the field bounds with the unit', () => {
    const field = { id: 'n', label: 'n', hint: 'h', optional: false, type: 'integer', min: 0, max: 500, unit: '件' } as Field as Exclude<Field, ListField>;
    expect(value(parseAnswer('501', field, now))).toBe('ERR 不能大于 500件');
    expect(value(parseAnswer('-1', field, now))).toBe('ERR “-1”是负数，这里要填数量，最少是 0');
    expect(value(parseAnswer('2', { ...field, min: 5 } as typeof field, now))).toBe('ERR 不能小于 5件');
  });

  it('keeps an estimate marked through the field bounds, and refuses one out of bounds', () => {
    const field = { id: 'n', label: 'n', hint: 'h', optional: false, type: 'integer', min: 0, max: 500, unit: '件' } as Field as Exclude<Field, ListField>;
    expect(parseAnswer('120左右', field, now)).toEqual({ ok: true, value: 120, approximate: true });
    expect(parseAnswer('一百二', field, now)).toEqual({ ok: true, value: 120 });
    expect(value(parseAnswer('大概一千五', field, now))).toBe('ERR 不能大于 500件');
  });
});

describe('dates as people type them', () => {
  it.each([
    ['2026-11-05', '2026-11-05'], ['2026/11/5', '2026-11-05'], ['2026.11.5', '2026-11-05'], ['2026年11月5日', '2026-11-05'],
    ['11月5日', '2026-11-05'], ['11月5号', '2026-11-05'], ['11.5', '2026-11-05'], ['11-5', '2026-11-05'], ['１１月５日', '2026-11-05'],
    ['十一月五日', '2026-11-05'], ['今天', '2026-11-20'], ['昨天', '2026-11-19'], ['12月15日', '2026-12-15'], ['12月25日', '2025-12-25'],
  ])('%s → %s', (text, expected) => {
    expect(value(parseDate(text, now))).toBe(expected);
  });

  it('refuses impossible and unreadable dates', () => {
    expect(value(parseDate('2月30日', now))).toBe('ERR 没有 2 月 30 日这一天');
    expect(value(parseDate('下周', now))).toBe('ERR “下周”不是日期');
  });
});

describe('yes/no, choices, text', () => {
  it('reads yes and no', () => {
    expect(['是', '有', '已完成', 'Y', '是的'].map((s) => value(parseYesNo(s)))).toEqual([true, true, true, true, true]);
    expect(['否', '没有', '无', 'no', '未'].map((s) => value(parseYesNo(s)))).toEqual([false, false, false, false, false]);
    expect(value(parseYesNo('随便'))).toBe('ERR “随便”不是「是」或「否」');
    expect(value(parseYesNo('也许'))).toBe('ERR “也许”没有说定，请核实后回复「是」或「否」');
  });

  it('reads a choice by number, exact text or a unique part', () => {
    const options = ['加分', '扣分'];
    expect([value(parseChoice('2', options)), value(parseChoice('加分', options)), value(parseChoice('扣', options))]).toEqual(['扣分', '加分', '扣分']);
    expect(value(parseChoice('3', options))).toBe('ERR 没有第 3 项，请回复 1 到 2');
    expect(value(parseChoice('分', options))).toBe('ERR “分”不是可选的选项');
  });

  it('limits text length', () => {
    const field = { id: 't', label: 't', hint: 'h', optional: false, type: 'text', max_length: 5 } as Exclude<Field, ListField>;
    expect(value(parseAnswer('一二三四五六', field, now))).toBe('ERR 最多 5 个字，这次有 6 个字');
  });

  it('normalises full-width characters', () => {
    expect(normalizeInput('　ＡＢＣ１２３，')).toBe('ABC123,');
  });
});

describe('list entries on one line', () => {
  const field = {
    id: 'articles', label: '信用动态', hint: 'h', optional: false, type: 'list', min_items: 0, max_items: 10,
    item: [
      { id: 'title', label: '标题', type: 'text', optional: false },
      { id: 'link', label: '链接', type: 'url', optional: true },
      { id: 'date', label: '报送日期', type: 'date', optional: true },
    ],
  } as ListField;

  it('finds the link and the date wherever they are; the rest is the title', () => {
    expect(value(parseListItem('我局开展诚信宣传进社区活动 https://example.com/a1 11月5日', field, now))).toEqual({ title: '我局开展诚信宣传进社区活动', link: 'https://example.com/a1', date: '2026-11-05' });
    expect(value(parseListItem('11月5日，信用修复讲座', field, now))).toEqual({ title: '信用修复讲座', date: '2026-11-05' });
  });

  it('says when a date in the entry does not exist', () => {
    expect(value(parseListItem('讲座 2月30日', field, now))).toBe('ERR 没有 2 月 30 日这一天');
  });

  it('names the missing part', () => {
    expect(value(parseListItem('https://example.com/a1', field, now))).toBe('ERR 这一条缺少标题');
  });
});

import { describe, expect, it } from 'vitest';
import { readSpokenNumber, type NumberReading } from '../../src/submissions/spoken-number';

/**
 * What a reply means: a number; 约N for an estimate; or why it must be asked again — a range, two
 * different numbers (several), a bound (inexact: 一百多, 不到120), a percentage, a letter typed among the
 * numerals (letters: 12O), nothing numeric.
 */
type Meaning = number | `约${number}` | 'range' | 'several' | 'inexact' | 'percent' | 'letters' | 'none' | 'too_long';

function meaning(r: NumberReading): Meaning {
  if (r.kind === 'number') return r.approximate ? `约${r.value}` : r.value;
  return r.kind;
}

const TABLE: [string, Meaning][] = [
  // Digits as typed, full-width, grouped, decimal, with 万/千/百.
  ['0', 0], ['7', 7], ['15', 15], ['120', 120], ['1000000', 1000000], [' 7 ', 7], ['-3', -3], ['１２０', 120], ['１５件', 15],
  ['1,234', 1234], ['1，234', 1234], ['12,345,678', 12345678], ['１,２３４', 1234], ['12.5', 12.5], ['0.5', 0.5],
  ['1.2万', 12000], ['3万', 30000], ['12万', 120000], ['2.5千', 2500], ['3百', 300], ['1千', 1000], ['1千2', 1200],
  ['1千2百', 1200], ['1万2', 12000], ['3万5千', 35000], ['1百2十', 120], ['1千零5', 1005], ['120万', 1200000], ['1.5亿', 150000000],
  // Chinese numerals, written out in full.
  ['零', 0], ['〇', 0], ['一', 1], ['两', 2], ['俩', 2], ['仨', 3], ['十', 10], ['十五', 15], ['一十五', 15], ['二十', 20],
  ['九十九', 99], ['一百', 100], ['一百二十', 120], ['一百一十八', 118], ['一百十五', 115], ['两百', 200], ['二百五十', 250],
  ['一千二百三十四', 1234], ['一千零二十', 1020], ['一千零五', 1005], ['两千零五', 2005], ['一百零二', 102], ['三千二百', 3200],
  ['一万', 10000], ['十万', 100000], ['十五万', 150000], ['一百二十万', 1200000], ['一万零五百', 10500], ['一万零五', 10005],
  ['一千二百三十四万五千六百七十八', 12345678], ['一亿', 100000000], ['壹佰贰拾', 120], ['叁仟', 3000], ['两万', 20000], ['廿五', 25], ['一千万', 10000000], ['十二万三千四百五十六', 123456],
  ['一千一百零一', 1101], ['一万零一', 10001], ['一万零一百', 10100], ['一亿零五百万', 105000000], ['１，２３４', 1234],
  // The spoken abbreviations: a last digit after 百/千/万/亿 counts in the next place down.
  ['一百二', 120], ['一千五', 1500], ['一万二', 12000], ['两百五', 250], ['三万五', 35000], ['两千二', 2200], ['九百九', 990],
  ['一万二千五', 12500], ['三万五千二', 35200], ['一亿二', 120000000], ['五百五', 550], ['两万三', 23000], ['三百六', 360],
  // Read digit by digit, and decimals said aloud.
  ['一一八', 118], ['一二零', 120], ['幺二零', 120], ['二〇二六', 2026], ['一点五', 1.5], ['零点五', 0.5], ['三点五万', 35000], ['一百二十点五', 120.5],
  // With counters and the words around a bare answer.
  ['15件', 15], ['120条', 120], ['两条', 2], ['3次', 3], ['一个', 1], ['共 120 条', 120], ['共120条', 120], ['一共120条', 120],
  ['合计118条', 118], ['总计3件', 3], ['120条。', 120], ['120！', 120], ['120吧', 120], ['118呢', 118], ['就120', 120],
  // One number inside a short sentence.
  ['合规的有一百一十八条吧', 118], ['问题数据有两条', 2], ['本月一共作出了一百二十件', 120], ['我们科上传了118条', 118],
  ['有3条问题数据', 3], ['都改好了，2条', 2], ['15个自然日内上传的有118条', 118], ['3个工作日内改了两条', 2],
  ['11月作出许可120件', 120], ['这个月办了三十件', 30], ['上传了一百二十条，全部合规', 120], ['120条，对，120条', 120],
  ['统一上传了120条', 120], ['一直是120条', 120], ['一般每月120，这个月118', 'several'], ['就一条', 1], ['只有一件', 1],
  ['一次性传了120条', 120], ['十分确定是120', 120], ['看一看，是118条', 118], ['万一不对再改，先报120', 120],
  ['一律按120报', 120], ['稍等一下，120条', 120], ['有一些问题数据，两条', 2], ['一共一百二', 120], ['一样，120', 120], ['2条问题数据都在3个工作日内改了', 2], ['11月5日上传了120条', 120], ['本月1日至26日共120件', 120],
  ['第二批上传了20条', 20], ['2026年11月上传120条', 120], ['一季度累计120条', 120], ['零条', 0], ['0条', 0],
  ['今年累计1200条，本月120条', 'several'], ['一百二十条，其中合规一百一十八条', 'several'], ['120，一百二十', 120], ['今天传了120条', 120], ['全部120条都合规', 120], ['双公示120条', 120], ['10万5', 105000],
  ['一百一', 110], ['一千一', 1100], ['十一', 11], ['一万一千一', 11100], ['两个科室一共120条', 'several'], ['上个月118这个月120', 'several'], ['问题数据一条都没有', 0], ['一个也没有', 0], ['一条都不合规', 0], ['一条都不少', 'none'], ['一条不落', 'none'], ['三万一', 31000], ['第一季度累计120条', 120],
  // "None" said in words.
  ['无', 0], ['没有', 0], ['没', 0], ['暂无', 0], ['没有。', 0], ['无！', 0], ['本月没有', 0], ['没有发生', 0], ['一条都没有', 0], ['问题数据没有', 0], ['这个月无', 0], ['本月没有吧', 0],
  // Estimates: the number, marked 约.
  ['120左右', '约120'], ['大概120', '约120'], ['大概120条', '约120'], ['约120', '约120'], ['约为120条', '约120'],
  ['差不多120', '约120'], ['估计一百二', '约120'], ['120条上下', '约120'], ['大约一千五', '约1500'], ['将近120', '约120'],
  ['接近两百', '约200'], ['差不多有118条吧', '约118'], ['可能120', '约120'], ['应该是120条', '约120'], ['十来条', '约10'], ['二十来条', '约20'], ['120（约）', '约120'], ['120个左右', '约120'], ['差不多都传了，120', '约120'],
  ['一百来个', '约100'], ['预计三万五', '约35000'], ['大致3百', '约300'], ['近120条', '约120'], ['最近上传了120条', 120], ['预约办理120件', 120], ['120条左右吧', '约120'], ['应该120条', '约120'], ['一百二十来条', '约120'], ['一百二十整', 120],
  // Ranges and alternatives: asked back, never guessed.
  ['100到120', 'range'], ['100至120', 'range'], ['100-120', 'range'], ['100~120', 'range'], ['100条到120条', 'range'],
  ['一两条', 'range'], ['两三条', 'range'], ['三五个', 'range'], ['七八件', 'range'], ['十七八条', 'range'], ['二三十', 'range'],
  ['一百二三', 'range'], ['三四百', 'range'], ['两三千', 'range'], ['八九十', 'range'], ['一两百', 'range'], ['问题数据有一两条', 'range'],
  ['118还是119', 'several'], ['118或119', 'several'], ['118或者119', 'several'], ['118/119', 'several'], ['120，118', 'several'],
  ['120, 118', 'several'], ['作出120件，上传118件', 'several'], ['不是120，是118', 'several'], ['一百二还是一百三', 'several'],
  // Bounds: not a number.
  ['一百多', 'inexact'], ['120多条', 'inexact'], ['十多条', 'inexact'], ['120余条', 'inexact'], ['不到120', 'inexact'],
  ['超过100条', 'inexact'], ['至少100', 'inexact'], ['最多120条', 'inexact'], ['100条以上', 'inexact'], ['120以内', 'inexact'],
  ['十几条', 'inexact'], ['几十条', 'inexact'], ['好几条', 'inexact'], ['没有120条', 'inexact'], ['一百出头', 'inexact'], ['一千出头', 'inexact'], ['一百二十多', 'inexact'], ['两位数', 'inexact'],
  ['120+', 'inexact'], ['120条+', 'inexact'], ['>120', 'inexact'], ['>=120', 'inexact'], ['<120', 'inexact'], ['≥120', 'inexact'], ['＞120', 'inexact'], ['大于120', 'inexact'],
  // Approximately, as a sign.
  ['≈120', '约120'], ['≈ 一百二', '约120'],
  // A letter among the numerals: O for 0, l for 1, w for 万 — a slip or a shorthand, never guessed.
  ['12O', 'letters'], ['l20', 'letters'], ['1O2', 'letters'], ['一二O', 'letters'], ['1.2w', 'letters'], ['3k', 'letters'], ['12o条', 'letters'], ['共l20条', 'letters'],
  // A percentage where a count is asked.
  ['98%', 'percent'], ['98.3%', 'percent'], ['百分之九十八', 'percent'], ['１００％', 'percent'],
  // Words that contain a numeral but are not numbers, and nothing numeric.
  ['abc', 'none'], ['', 'none'], ['一些', 'none'], ['一下', 'none'], ['一直没报', 'none'], ['十分', 10], ['万一', 'none'],
  ['一律', 'none'], ['一样', 'none'], ['统一', 'none'], ['看一看', 'none'], ['十一十', 'none'], ['千万', 'none'], ['百', 'none'], ['万', 'none'],
  ['1,23', 'none'], ['不知道', 'none'], ['等会儿再说', 'none'], ['一点', 'none'], ['一部分', 'none'], ['一网通办', 'none'], ['一半', 'none'], ['零头', 'none'], ['二零', 'none'],
  ['稍等我查一下', 'none'], ['还在统计中', 'none'], ['没有问题数据', 'none'], ['不清楚有没有', 'none'], ['还没统计，没有', 'none'],
  ['本月作出的行政许可决定数是多少我还要去问一下办公室的同事，明天再报给你可以吗，谢谢', 'too_long'],
];

describe('numbers as people say and type them', () => {
  it('has a large table', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(150);
    expect(new Set(TABLE.map(([text]) => text)).size).toBe(TABLE.length);
  });

  it.each(TABLE)('%j → %s', (text, expected) => {
    expect(meaning(readSpokenNumber(text))).toBe(expected);
  });

  it('quotes what was unclear, as typed', () => {
    expect(readSpokenNumber('大概100到120条吧')).toEqual({ kind: 'range', text: '100到120' });
    expect(readSpokenNumber('问题数据有一两条')).toEqual({ kind: 'range', text: '一两条' });
    expect(readSpokenNumber('118还是119')).toEqual({ kind: 'several', numbers: ['118', '119'] });
    expect(readSpokenNumber('作出一百二十件，上传118件')).toEqual({ kind: 'several', numbers: ['一百二十', '118'] });
    expect(readSpokenNumber('合规的有一百多条')).toEqual({ kind: 'inexact', text: '一百多' });
    expect(readSpokenNumber('不到120条')).toEqual({ kind: 'inexact', text: '不到120' });
    expect(readSpokenNumber('120+')).toEqual({ kind: 'inexact', text: '120+' });
    expect(readSpokenNumber('上传了12O条')).toEqual({ kind: 'letters', text: '上传了12O条', letters: 'O' });
  });
});

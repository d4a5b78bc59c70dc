/**
 * Numbers as reporters say and type them: 120, １２０, 1,234, 1.2万, 3百, 一百二十, 两千零五, 俩 —
 * including the spoken abbreviations (一百二 = 120, 一千五 = 1500, 一万二 = 12000, 两百五 = 250) —
 * alone or inside a short sentence ("合规的有一百一十八条吧", "大概120条").
 *
 * The reader never guesses. A range (100到120, 一两条, 三五个), two different numbers (118还是119)
 * or a bound (一百多, 不到120) comes back as such, for the caller to ask again; an approximate
 * answer (120左右, 大概120) is the number, flagged approximate.
 */

export type NumberReading =
  | { kind: 'number'; value: number; approximate: boolean }
  /** 100到120, 一两条, 十七八 — `text` is the range as typed. */
  | { kind: 'range'; text: string }
  /** Two or more different numbers, as typed. */
  | { kind: 'several'; numbers: string[] }
  /** 一百多, 不到120, 十几 — a bound, not a number; `text` is the phrase as typed. */
  | { kind: 'inexact'; text: string }
  /** 98%, 百分之九十八 — a rate where a count is asked. */
  | { kind: 'percent'; text: string }
  /** 12O, l20, 1.2w — a letter typed among the numerals; `text` is the word as typed. */
  | { kind: 'letters'; text: string; letters: string }
  /** More than a short sentence: a number in it is not looked for. */
  | { kind: 'too_long'; length: number }
  | { kind: 'none' };

/** The longest answer searched for a number inside a sentence. */
export const MAX_SENTENCE_LENGTH = 40;

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 幺: 1, 壹: 1, 二: 2, 贰: 2, 两: 2, 兩: 2, 俩: 2, 倆: 2, 三: 3, 叁: 3, 仨: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
/** 廿 (20), 卅 (30) are a digit and 十 in one character. */
const TENS: Record<string, number> = { 廿: 2, 卅: 3, 卌: 4 };
const UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000, 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };
const NUMERAL_CHAR = new RegExp(`[0-9${Object.keys(DIGITS).join('')}${Object.keys(TENS).join('')}${Object.keys(UNITS).join('')}]`);
/** Counters that follow a number of things: 120条, 3件, 2个, 5分. */
const COUNTER = '[件条次篇个户人项份家起元分名位张套批例宗笔类期场所]';

/**
 * Words that contain a numeral but are not numbers (一些, 一直, 统一, 万一, 十分准确 …). Each is blanked
 * out before numbers are looked for, unless a numeral comes right before it (三万一 is 31000).
 */
const NOT_NUMBERS = new RegExp(
  `(?<!${NUMERAL_CHAR.source})(?:${[
    '一下子', '一下', '一些', '一直', '一共', '一起', '一样', '一般', '一定', '一律', '一切', '一旦', '一再', '一向', '一致', '一并',
    '一同', '一道', '一边', '一面', '一概', '一贯', '一番', '一阵', '一时', '一经', '一味', '一齐', '一心', '一口气', '一次性',
    '一块儿', '一块', '一部分', '一半', '零头', '一会儿', '一会', '一点儿', '一丁点', '一系列', '一方面', '一体化', '一站式', '一把手', '一网通办',
    '一窗受理', '一次办好', '一件事', '一业一证', '一照一码', '一公开', '统一', '同一', '单一', '唯一', '之一', '万一', '十四五',
    '一清二楚', '一五一十', '乱七八糟', '七七八八', '三番五次', '千方百计', '一模一样', '独一无二', '零星', '零散', '百姓',
    '千万(?!' + NUMERAL_CHAR.source + ')', '十分(?=[\\u4e00-\\u9fff])', '一点(?![0-9' + Object.keys(DIGITS).join('') + '])',
  ].join('|')})`,
  'g',
);
/** 看一看, 查一查: a verb said twice around 一. */
const REDUPLICATED = new RegExp(`((?!${NUMERAL_CHAR.source})[\\u4e00-\\u9fff])一\\1`, 'g');
/** 一条都没有, 一个也没, 一条都不合规 — none at all. */
const NOT_A_SINGLE_ONE = new RegExp(`一(?=${COUNTER}?(?:都|也)(?:没|无|不(?!少|差|落|漏|缺)))`, 'g');
/** 一个都不少, 一条不落 — all of them, which is no number. */
const NOT_ONE_MISSING = new RegExp(`一(?=${COUNTER}?(?:都|也)?不(?:少|差|落|漏|缺))`, 'g');

/** The whole answer says "none": 无, 没有, 暂无 … */
const NONE_ANSWER = /^(无|没有|没|零|暂无|暂时没有|本月没有|本月无|都没有|还没有|没有发生|未发生|无此情况|均无|未发现|没发现)$/;
/** A sentence that ends in "none": 问题数据没有, 这个月无. */
const NONE_AT_END = /(?:没有|无)$/;
/** …unless it doubts it or says something else is missing: 不清楚有没有, 还没统计，没有. */
const UNSURE_OF_NONE = /有没有|不|吗|\?|统计|确定|清楚|知道|核实/;
/** Particles and punctuation that end a spoken answer without changing it. */
const TRAILING = /[\s。.！!～~…,，；;、吧呢啊呀哈嘛哦喔啦]+$/;

const APPROXIMATE = /\(约\)|左右|上下|大概|大约|大致|大体|约莫|约摸|差不多|估计|估摸|估算|预计|将近|接近|几乎|可能|好像|应该|差不离|粗略|粗算/;
/** 约 and 近 mark an approximate number only right before it (约120, 近百 — not 预约, 最近). */
const APPROXIMATE_BEFORE = /(?:(?<![预节签合公制相契])约为?|(?<![最附临靠])近|≈)\s*$/;
/** 十来条, 一百来个. */
const APPROXIMATE_AFTER = new RegExp(`^来(?:${COUNTER}|$)`);
const BOUND_BEFORE = /([<>]=?|[≥≤]|没有|没|不到|不足|不满|不超过|不少于|不低于|不高于|不多于|超过|超出|高于|低于|少于|多于|大于|小于|至少|最少|最多|至多|顶多|起码|多达)\s*(?:了|有|是)?\s*$/;
const BOUND_AFTER = new RegExp(`^\\s*${COUNTER}?\\s*(多|余|以上|以下|以内|之内|开外|出头|往上|朝上|位数|\\+)`);
const PERCENT_BEFORE = /百分之\s*$/;
const PERCENT_AFTER = /^\s*(%|‰|个百分点)/;
/** Dates, durations and ordinals (11月, 5日, 15个自然日, 第一): set aside when another number is present. */
const TIME_AFTER = /^\s*(个)?(月份?|日|号|天|周|星期|小时|分钟|工作日|自然日|年|季度)/;
/** A Latin letter touching a numeral: O for 0 and l for 1 are typing slips, w and k abbreviations — never guessed. */
const LETTER_IN_NUMBER = new RegExp(`[A-Za-z]+(?=${NUMERAL_CHAR.source})|(?<=${NUMERAL_CHAR.source})[A-Za-z]+`, 'g');
const RANGE_GAP = new RegExp(`^\\s*${COUNTER}?\\s*(到|至|~|-|—|–)\\s*$`);

interface Run {
  start: number;
  end: number;
  text: string;
}

/** Reads the number a short answer gives; see NumberReading for what else it can be. */
export function readSpokenNumber(raw: string): NumberReading {
  const text = normalizeNumberText(raw);
  const answer = text.replace(TRAILING, '');
  if (!answer) return { kind: 'none' };
  if (NONE_ANSWER.test(answer)) return { kind: 'number', value: 0, approximate: false };
  if (text.length > MAX_SENTENCE_LENGTH) return { kind: 'too_long', length: text.length };
  const letters = [...text.matchAll(LETTER_IN_NUMBER)];
  if (letters.length) {
    const first = letters[0]!;
    return { kind: 'letters', text: phraseAround(text, first.index, first.index + first[0].length), letters: [...new Set(letters.map((m) => m[0]))].join('」「') };
  }

  // Same-length blanking keeps every index valid in `text`, so replies quote what was typed.
  const scan = text
    .replace(NOT_NUMBERS, (w) => '□'.repeat(w.length))
    .replace(REDUPLICATED, (w) => w[0] + '□' + w[2])
    .replace(NOT_ONE_MISSING, '□')
    .replace(NOT_A_SINGLE_ONE, '0');
  const runs: (Run & { value: number })[] = [];
  for (const run of numeralRuns(scan)) {
    const value = numeralValue(run.text);
    if (value === 'range') return { kind: 'range', text: text.slice(run.start, run.end + (new RegExp(`^${COUNTER}`).test(scan.slice(run.end)) ? 1 : 0)) };
    if (value !== undefined) runs.push({ ...run, value });
  }

  const isTime = (r: Run) => TIME_AFTER.test(scan.slice(r.end)) || scan.slice(0, r.start).endsWith('第');
  const primary = runs.filter((r) => !isTime(r));
  const candidates = primary.length ? primary : runs;
  if (!candidates.length) {
    if (NONE_AT_END.test(answer) && !UNSURE_OF_NONE.test(answer)) return { kind: 'number', value: 0, approximate: false };
    const few = /几(?!乎)/.exec(scan);
    return few ? { kind: 'inexact', text: phraseAround(text, few.index, few.index + 1) } : { kind: 'none' };
  }
  const distinct = candidates.filter((r, i) => candidates.findIndex((o) => o.value === r.value) === i);
  if (distinct.length > 1) {
    const [a, b] = [distinct[0]!, distinct[1]!];
    if (distinct.length === 2 && RANGE_GAP.test(scan.slice(a.end, b.start))) return { kind: 'range', text: text.slice(a.start, b.end) };
    return { kind: 'several', numbers: distinct.map((r) => text.slice(r.start, r.end)) };
  }

  const chosen = candidates[0]!;
  const before = scan.slice(0, chosen.start);
  const after = scan.slice(chosen.end);
  const bound = BOUND_BEFORE.exec(before);
  if (bound) return { kind: 'inexact', text: text.slice(chosen.start - bound[0].length, chosen.end) };
  const boundAfter = BOUND_AFTER.exec(after);
  if (boundAfter) return { kind: 'inexact', text: text.slice(chosen.start, chosen.end + boundAfter[0].length) };
  if (before.endsWith('几') || after.startsWith('几')) return { kind: 'inexact', text: phraseAround(text, chosen.start, chosen.end) };
  if (PERCENT_BEFORE.test(before) || PERCENT_AFTER.test(after)) return { kind: 'percent', text: phraseAround(text, chosen.start, chosen.end) };

  const negative = /(^\s*-|负)\s*$/.test(before);
  const outside = before + '□' + after;
  const approximate = APPROXIMATE.test(outside) || APPROXIMATE_BEFORE.test(before) || APPROXIMATE_AFTER.test(after);
  return { kind: 'number', value: negative ? -chosen.value : chosen.value, approximate };
}

/**
 * Full-width characters as ASCII, except that a full-width comma after three digits stays a
 * separator: "1，234" is a thousand and more, "120，118" is two numbers.
 */
function normalizeNumberText(raw: string): string {
  return raw
    .replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/(?<![\d,，])\d{1,2}(?:，\d{3})+(?!\d)/g, (m) => m.replace(/，/g, ','))
    .replace(/[\uff01-\uff0b\uff0d-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The stretch of text around a number up to the nearest separator, to quote it back. */
function phraseAround(text: string, start: number, end: number): string {
  let from = start;
  let to = end;
  while (from > 0 && !/[\s,，。；;、]/.test(text[from - 1]!)) from--;
  while (to < text.length && !/[\s,，。；;、]/.test(text[to]!)) to++;
  return text.slice(from, to);
}

/** Maximal stretches of numerals: digits (with 1,234 and 1.5 inside), Chinese digits and units, 点 between numerals. */
function numeralRuns(text: string): Run[] {
  const runs: Run[] = [];
  let start = -1;
  const isDigit = (c: string | undefined) => c !== undefined && /[0-9]/.test(c);
  const inRun = (i: number): boolean => {
    const c = text[i]!;
    if (NUMERAL_CHAR.test(c)) return true;
    if (c === '.' || c === ',') return isDigit(text[i - 1]) && isDigit(text[i + 1]);
    if (c === '点') return i > 0 && NUMERAL_CHAR.test(text[i - 1]!) && text[i + 1] !== undefined && (isDigit(text[i + 1]) || text[i + 1]! in DIGITS);
    return false;
  };
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && inRun(i)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      runs.push({ start, end: i, text: text.slice(start, i) });
      start = -1;
    }
  }
  return runs;
}

type Token = { kind: 'number'; value: number; single: boolean; chinese: boolean } | { kind: 'zero' } | { kind: 'unit'; value: number };

/**
 * The value of a stretch of numerals: 120, 1,234, 1.2万, 3百, 一百二十, 一百二 (120), 一千零五 (1005),
 * 一一八 (118, read digit by digit), 三点五 (3.5); 'range' for 一两, 三五, 十七八, 一百二三; undefined
 * when it is not a number (百, 千万, 1,23).
 */
export function numeralValue(run: string): number | 'range' | undefined {
  if (/^\d+(\.\d+)?$/.test(run)) return Number(run);
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(run)) return Number(run.replace(/,/g, ''));
  const decimal = /^(.*?)点(.+)$/.exec(run);
  if (decimal) {
    const whole = decimal[1] ? numeralValue(decimal[1]) : undefined;
    const fraction = [...decimal[2]!].map((c) => (/\d/.test(c) ? c : DIGITS[c]));
    const unit = fraction.findIndex((d) => d === undefined);
    const tail = unit >= 0 ? decimal[2]!.slice(unit) : '';
    if (typeof whole !== 'number' || unit === 0 || (tail && !/^[万萬亿億千仟百佰]$/.test(tail))) return undefined;
    return numeralValue(`${whole}.${fraction.slice(0, unit >= 0 ? unit : undefined).join('')}${tail}`);
  }
  const tokens = tokenize(run);
  if (!tokens) return undefined;
  const numbers = tokens.filter((t) => t.kind !== 'unit');
  if (numbers.length === tokens.length) {
    // No units: one digit, a pair (一两, 三五 — a range) or digits read one by one (一一八).
    const digits = numbers.map((t) => (t.kind === 'zero' ? 0 : t.value));
    if (numbers.some((t) => t.kind === 'number' && !t.chinese)) return undefined;
    if (digits.length === 1) return digits[0];
    if (digits.length === 2) return digits.includes(0) ? undefined : 'range';
    return Number(digits.join(''));
  }
  for (let i = 1; i < tokens.length; i++) {
    const [a, b] = [tokens[i - 1]!, tokens[i]!];
    if (a.kind === 'number' && b.kind === 'number') return a.chinese && b.chinese ? 'range' : undefined;
  }
  return withUnits(tokens);
}

function tokenize(run: string): Token[] | undefined {
  const tokens: Token[] = [];
  for (let i = 0; i < run.length; ) {
    const ascii = /^\d+(?:,\d{3})*(?:\.\d+)?/.exec(run.slice(i));
    if (ascii) {
      const digits = ascii[0].replace(/,/g, '');
      tokens.push({ kind: 'number', value: Number(digits), single: /^\d$/.test(digits), chinese: false });
      i += ascii[0].length;
      continue;
    }
    const c = run[i]!;
    if (c in UNITS) tokens.push({ kind: 'unit', value: UNITS[c]! });
    else if (c in TENS) tokens.push({ kind: 'number', value: TENS[c]!, single: true, chinese: true }, { kind: 'unit', value: 10 });
    else if (DIGITS[c] === 0) tokens.push({ kind: 'zero' });
    else if (c in DIGITS) tokens.push({ kind: 'number', value: DIGITS[c]!, single: true, chinese: true });
    else return undefined;
    i++;
  }
  return tokens;
}

/**
 * Chinese place-value reading, groups of 万 and 亿, with the spoken abbreviation: a last single
 * digit right after 百/千/万/亿 counts in the next lower place (一百二 = 120, 一万二 = 12000), unless
 * a 零 stands between (一百零二 = 102).
 */
function withUnits(tokens: Token[]): number | undefined {
  let total = 0;
  let group = 0;
  let pending: Extract<Token, { kind: 'number' }> | undefined;
  let lastSmall = Infinity;
  let lastBig = Infinity;
  let previousUnit = 0;
  let zeroSince = false;
  for (const token of tokens) {
    if (token.kind === 'zero') {
      if (pending) return undefined;
      zeroSince = true;
    } else if (token.kind === 'number') {
      pending = token;
    } else if (token.value < 1e4) {
      const coefficient = pending ? pending.value : token.value === 10 ? 1 : undefined;
      if (coefficient === undefined || coefficient >= 10 || token.value >= lastSmall) return undefined;
      group += coefficient * token.value;
      [lastSmall, previousUnit, pending, zeroSince] = [token.value, token.value, undefined, false];
    } else {
      const value = group + (pending?.value ?? 0);
      if (value === 0 || token.value >= lastBig) return undefined;
      total += value * token.value;
      [group, lastSmall, lastBig, previousUnit, pending, zeroSince] = [0, Infinity, token.value, token.value, undefined, false];
    }
  }
  if (pending) group += pending.single && !zeroSince && previousUnit >= 100 ? (pending.value * previousUnit) / 10 : pending.value;
  return Math.round((total + group) * 1e6) / 1e6;
}

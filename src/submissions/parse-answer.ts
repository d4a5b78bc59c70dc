import { DateTime } from 'luxon';
import { clip } from '../clip';
import { localDateTime, ZONE } from '../time';
import { t } from '../prompts';
import type { ListField } from '../tasks/schema';
import { numeralValue, readSpokenNumber } from './spoken-number';
import { readYesNo } from './spoken-yes-no';

/** A read answer; `approximate` marks a number given as an estimate (120左右), shown as 约 in the summary. */
export type ParseResult<T> = { ok: true; value: T; approximate?: true } | { ok: false; reason: string };

export const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });
export const fail = (reason: string): ParseResult<never> => ({ ok: false, reason });

/** Full-width letters, digits and punctuation (１５，ａ) as their ASCII twins; trimmed. */
export function normalizeInput(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim();
}

/**
 * A number as reporters type or say it (see readSpokenNumber): 15, １５, 一百二, 1.2万, "大概120条",
 * 无 (as 0). `approximate` is set for 120左右, 大概120 …; a range, two numbers or a bound are refused
 * with what was unclear, never guessed.
 */
export function parseNumberText(raw: string, integer: boolean): ParseResult<number> {
  const text = clip(raw.trim());
  const reading = readSpokenNumber(raw);
  switch (reading.kind) {
    case 'number':
      if (integer && !Number.isInteger(reading.value)) return fail(t('number.not_integer', { text }));
      return reading.approximate ? { ok: true, value: reading.value, approximate: true } : ok(reading.value);
    case 'range':
      return fail(t('number.range', { text: clip(reading.text) }));
    case 'several':
      return fail(t('number.several', { text, count: reading.numbers.length, numbers: reading.numbers.map((n) => clip(n)).join('、') }));
    case 'inexact':
      return fail(t('number.inexact', { text: clip(reading.text) }));
    case 'percent':
      return fail(t('number.percent', { text: clip(reading.text) }));
    case 'letters':
      return fail(t('number.letters', { text: clip(reading.text), letters: reading.letters }));
    case 'too_long':
      return fail(t('number.too_long', { length: reading.length }));
    case 'none':
      return fail(t('number.not_a_number', { text }));
  }
}

export function parseYesNo(raw: string): ParseResult<boolean> {
  const text = clip(raw.trim());
  const reading = readYesNo(raw);
  switch (reading.kind) {
    case 'answer':
      return ok(reading.value);
    case 'unsure':
      return fail(t('yesno.unsure', { text }));
    case 'both':
      return fail(t('yesno.both', { text }));
    case 'none':
      return fail(t('yesno.not_yes_no', { text }));
  }
}

/**
 * A date as people write it: 2026-11-05, 2026/11/5, 2026年11月5日, 11月5日, 11月5号, 11.5, 11-5,
 * 今天, 昨天. Without a year it is the latest such date not more than a month ahead of now.
 */
export function parseDate(raw: string, now: Date): ParseResult<string> {
  const s = normalizeInput(raw).replace(/\s+/g, '').replace(/[零〇一二两三四五六七八九十]+/g, (n) => {
    const value = numeralValue(n);
    return typeof value === 'number' ? String(value) : n;
  });
  const today = localDateTime(now).startOf('day');
  const relative: Record<string, number> = { 今天: 0, 今日: 0, 昨天: 1, 昨日: 1, 前天: 2 };
  if (s in relative) return ok(today.minus({ days: relative[s]! }).toISODate()!);
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?$/.exec(s);
  let year: number | undefined;
  let month: number;
  let day: number;
  if (m) {
    [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else if ((m = /^(\d{1,2})(?:月(\d{1,2})[日号]?|[-/.](\d{1,2}))$/.exec(s))) {
    [month, day] = [Number(m[1]), Number(m[2] ?? m[3])];
  } else {
    return fail(t('answer.not_a_date', { text: clip(raw) }));
  }
  let date = DateTime.fromObject({ year: year ?? today.year, month, day }, { zone: ZONE });
  if (!date.isValid) return fail(t('answer.no_such_day', { month, day }));
  if (year === undefined && date > today.plus({ months: 1 })) date = date.minus({ years: 1 });
  return ok(date.toISODate()!);
}

export function parseChoice(raw: string, options: readonly string[]): ParseResult<string> {
  const s = normalizeInput(raw);
  if (/^\d+$/.test(s)) {
    const picked = options[Number(s) - 1];
    return picked ? ok(picked) : fail(t('answer.no_such_option', { n: clip(s), count: options.length }));
  }
  const exact = options.find((o) => o === s);
  if (exact) return ok(exact);
  const partial = options.filter((o) => o.includes(s));
  if (s && partial.length === 1) return ok(partial[0]!);
  return fail(t('answer.not_an_option', { text: clip(s) }));
}

const URL_PATTERN = /https?:\/\/[^\s，,；;]+/i;

export type ListItem = Record<string, string>;

/**
 * One entry of a list field from one line: the link and the date are recognised wherever they
 * are, and what remains is the entry's text (标题 / 活动名称).
 */
export function parseListItem(raw: string, field: ListField, now: Date): ParseResult<ListItem> {
  let rest = normalizeInput(raw);
  const item: ListItem = {};
  for (const sub of field.item) {
    if (sub.type === 'url') {
      const url = URL_PATTERN.exec(rest)?.[0];
      if (url) {
        item[sub.id] = url;
        rest = rest.replace(url, ' ');
      }
    } else if (sub.type === 'date') {
      const tokens = rest.split(/[\s,，;；、|｜]+/).filter(Boolean);
      for (const token of tokens.reverse()) {
        const date = parseDate(token, now);
        if (date.ok) {
          item[sub.id] = date.value;
          rest = rest.replace(token, ' ');
          break;
        }
        // A date that reads as one but does not exist (2月30日) deserves its own reason.
        if (/^\d{1,4}[-/.年]\d{1,2}([-/.月]\d{1,2})?[日号]?$|^\d{1,2}月\d{1,2}[日号]?$/.test(token)) return date;
      }
    }
  }
  const text = rest.replace(/[\s,，;；、|｜]+/g, ' ').trim();
  const textField = field.item.find((f) => f.type === 'text');
  if (textField && text) item[textField.id] = text;
  const missing = field.item.filter((f) => !f.optional && !item[f.id]).map((f) => f.label);
  if (missing.length) return fail(t('answer.item_missing', { parts: missing.join('、') }));
  return ok(item);
}

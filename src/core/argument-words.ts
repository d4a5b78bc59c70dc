import { clip, WORD_ECHO } from '../clip';
import type { Roster } from '../org/roster';
import type { Section } from '../org/schema';
import { joinWithOr, t } from '../prompts';
import type { TaskCatalog } from '../tasks/catalog';
import { isBareMonth, isFutureMonth, monthLabel, monthOf, parseMonth, type MonthKey } from '../tasks/period';
import type { Task } from '../tasks/schema';

/** What one argument word of a command names. */
export type ArgumentWord = { kind: 'month'; month: MonthKey } | { kind: 'section'; section: Section } | { kind: 'task'; task: Task };

export type WordKind = ArgumentWord['kind'];

/** The parts of a chat context the resolver reads. */
export interface WordContext {
  roster: Roster;
  catalog: TaskCatalog;
  now: Date;
}

/** What a word names among the kinds a command accepts, tried in the order given; undefined when none. */
export function readWord(word: string, kinds: readonly WordKind[], ctx: WordContext): ArgumentWord | undefined {
  for (const kind of kinds) {
    if (kind === 'month') {
      const month = parseMonth(word, ctx.now);
      if (month) return { kind, month };
    } else if (kind === 'section') {
      const section = ctx.roster.findSection(word);
      if (section) return { kind, section };
    } else {
      const task = ctx.catalog.findTask(word);
      if (task) return { kind, task };
    }
  }
  return undefined;
}

export interface ReadOptions {
  /** A month that has not begun is refused unless the command plans ahead (免报 next month). */
  futureMonths?: boolean;
}

/**
 * Every word read as one of the kinds, or the reply about the first word that is none of them, a
 * month that has not begun, or two different words of one kind (进度 11月 12月) — asked back,
 * never one of them silently dropped.
 */
export function readWords(words: readonly string[], kinds: readonly WordKind[], ctx: WordContext, options: ReadOptions = {}): { ok: true; words: ArgumentWord[] } | { ok: false; message: string } {
  const read: (ArgumentWord & { word: string })[] = [];
  for (const word of words) {
    const one = readWord(word, kinds, ctx);
    if (!one) return { ok: false, message: notUnderstood(word, kinds, ctx) };
    const same = read.find((r) => r.kind === one.kind && keyOf(r) !== keyOf(one));
    if (same) return { ok: false, message: twoOfKind(one.kind, same.word, word) };
    read.push({ ...one, word });
  }
  // After the whole line is read, so that 12月 11月 is asked back as two months first.
  const future = read.find((r) => r.kind === 'month' && !options.futureMonths && isFutureMonth(r.month, ctx.now));
  if (future?.kind === 'month') return { ok: false, message: futureMonth(future.word, future.month, ctx) };
  return { ok: true, words: read.map(({ word: _word, ...w }) => w as ArgumentWord) };
}

/** The reply for two different words of one kind: both named, asked to keep one. */
export function twoOfKind(kind: WordKind, first: string, second: string): string {
  return t('args.two_of_kind', { kind: kindLabel(kind), first: clip(first, WORD_ECHO), second: clip(second, WORD_ECHO) });
}

export function keyOf(word: ArgumentWord): string {
  return word.kind === 'month' ? word.month : word.kind === 'section' ? word.section.id : word.task.id;
}

/** The reply for a month that has not begun; a month said without a year may have meant last year's. */
export function futureMonth(word: string, month: MonthKey, ctx: WordContext): string {
  const lines = [t('args.future_month', { word: clip(word, WORD_ECHO), month: monthLabel(month), current: monthLabel(monthOf(ctx.now)) })];
  if (isBareMonth(word)) {
    const lastYear = `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;
    lines.push(t('args.future_month_last_year', { month: monthLabel(lastYear), example: lastYear }));
  }
  return lines.join('\n');
}

/** The month among read words, if any. */
export function monthIn(words: readonly ArgumentWord[]): MonthKey | undefined {
  return words.flatMap((w) => (w.kind === 'month' ? [w.month] : [])).at(-1);
}

/**
 * Why a word was not understood, for the reply: a month that does not exist (2025-13, 13月), or a
 * name that is no section / task, with the nearest names ("您是不是要找 …") and the valid choices.
 */
export function notUnderstood(word: string, kinds: readonly WordKind[], ctx: WordContext): string {
  const wrongMonth = kinds.includes('month') ? badMonth(word, ctx) : undefined;
  if (wrongMonth) return wrongMonth;
  const named = kinds.filter((k): k is 'section' | 'task' => k !== 'month');
  const suggestions = named.flatMap((kind) => nearestNames(word, choicesOf(kind, ctx)));
  const lines = [
    t('args.not_understood', { word: clip(word, WORD_ECHO), kinds: joinWithOr(kinds.map(kindLabel)) }),
    ...(suggestions.length ? [t('args.did_you_mean', { names: suggestions.map((s) => `「${s}」`).join(t('list.or')) })] : []),
    ...named.map((kind) => t('args.choices', { kind: kindLabel(kind), names: choicesOf(kind, ctx).map((c) => c.label).join('、') })),
  ];
  if (kinds.includes('month')) lines.push(t('args.month_forms', { example: monthOf(ctx.now) }));
  return lines.join('\n');
}

/** For a word shaped like a month that does not exist (2025-13, 13月, 0月), the reply naming the nearest real one. */
export function badMonth(word: string, ctx: WordContext): string | undefined {
  const nearest = nearestMonth(word);
  return nearest && !parseMonth(word, ctx.now) ? t('args.bad_month', { word: clip(word, WORD_ECHO), nearest, example: monthOf(ctx.now) }) : undefined;
}

/** The reply when a command needs a section or task that was not given: the valid choices. */
export function missingWord(kind: 'section' | 'task', usage: string, ctx: WordContext): string {
  return [t('args.missing', { kind: kindLabel(kind), usage }), t('args.choices', { kind: kindLabel(kind), names: choicesOf(kind, ctx).map((c) => c.label).join('、') })].join('\n');
}

function kindLabel(kind: WordKind): string {
  return kind === 'month' ? t('args.kind_month') : kind === 'section' ? t('args.kind_section') : t('args.kind_task');
}

interface Choice {
  /** How the reply names it: a section's short name, a task's short name. */
  label: string;
  /** Every name it is known by. */
  names: string[];
}

function choicesOf(kind: 'section' | 'task', ctx: WordContext): Choice[] {
  return kind === 'section'
    ? ctx.roster.sections.map((s) => ({ label: s.aliases[0] ?? s.name, names: [s.id, s.name, ...s.aliases] }))
    : ctx.catalog.tasks.map((task) => ({ label: task.short, names: [task.id, task.short, task.name] }));
}

/** Names at least half alike (edit distance over the longer name), best first, at most three. */
const MIN_SIMILARITY = 0.5;

function nearestNames(word: string, choices: Choice[]): string[] {
  const scored = choices
    .map((c) => ({ label: c.label, score: Math.max(...c.names.map((n) => similarity(word.toLowerCase(), n.toLowerCase()))) }))
    .filter((c) => c.score >= MIN_SIMILARITY)
    .sort((a, b) => b.score - a.score);
  return [...new Set(scored.map((c) => c.label))].slice(0, 3);
}

/** 1 for the same text, 0 for nothing in common; a name inside the other counts as at least half alike. */
export function similarity(a: string, b: string): number {
  if (!a || !b) return 0;
  const bySteps = 1 - editDistance(a, b) / Math.max([...a].length, [...b].length);
  return a.includes(b) || b.includes(a) ? Math.max(bySteps, MIN_SIMILARITY) : bySteps;
}

/** Levenshtein distance over code points (Chinese characters and emoji count as one). */
function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[y.length]!;
}

/** For a word shaped like a month (2025-13, 0月), the nearest real month. */
function nearestMonth(word: string): string | undefined {
  const full = /^(\d{4})\s*[-年./]\s*(\d{1,3})\s*月?$/.exec(word.trim());
  if (full) return `${full[1]}-${String(clampMonth(Number(full[2]))).padStart(2, '0')}`;
  const bare = /^(\d{1,3})\s*月份?$/.exec(word.trim());
  return bare ? `${clampMonth(Number(bare[1]))}月` : undefined;
}

function clampMonth(month: number): number {
  return Math.min(12, Math.max(1, month));
}


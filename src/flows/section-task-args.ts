import { badMonth, futureMonth, keyOf, missingWord, notUnderstood, readWord, twoOfKind, type ReadOptions } from '../core/argument-words';
import type { ChatContext } from '../core/chat-context';
import type { Section } from '../org/schema';
import { isFutureMonth, monthOf, parseMonth, type MonthKey } from '../tasks/period';
import type { Task } from '../tasks/schema';

export type SectionTaskArgs =
  | {
      ok: true;
      section: Section;
      task: Task;
      month: MonthKey;
      /** The words after section, task and month: a reason. */
      rest: string;
    }
  | { ok: false; message: string };

/**
 * The `科室 任务 [月份] [理由…]` shape of the admin commands (退回, 免报, 取消免报); section and
 * task in either order. A word that is neither, a missing one or a month that does not exist gets
 * its own reply (`usage` shows the shape).
 */
export function parseSectionTaskArgs(ctx: ChatContext, usage: string, options: ReadOptions = {}): SectionTaskArgs {
  const words = ctx.args.trim().split(/\s+/).filter(Boolean);
  const named = words.slice(0, 2).map((word) => ({ word, read: readWord(word, ['section', 'task'], ctx) }));
  const unread = named.find((n) => !n.read)?.word;
  const [a, b] = named;
  if (a?.read && b?.read && a.read.kind === b.read.kind && keyOf(a.read) !== keyOf(b.read)) return { ok: false, message: twoOfKind(a.read.kind, a.word, b.word) };
  let section: Section | undefined;
  let task: Task | undefined;
  for (const { read } of named) {
    if (read?.kind === 'section') section = read.section;
    if (read?.kind === 'task') task = read.task;
  }
  if (!section) return { ok: false, message: unread ? notUnderstood(unread, ['section'], ctx) : missingWord('section', usage, ctx) };
  if (!task) return { ok: false, message: unread ? notUnderstood(unread, ['task'], ctx) : missingWord('task', usage, ctx) };
  let rest = words.slice(2);
  const month = rest[0] ? parseMonth(rest[0], ctx.now) : undefined;
  const wrongMonth = rest[0] && !month ? badMonth(rest[0], ctx) : undefined;
  if (wrongMonth) return { ok: false, message: wrongMonth };
  // 免报 may be set for a month ahead; the other commands find nothing to act on there and say so.
  if (month && !options.futureMonths && isFutureMonth(month, ctx.now)) return { ok: false, message: futureMonth(rest[0]!, month, ctx) };
  if (month) rest = rest.slice(1);
  return { ok: true, section, task, month: month ?? monthOf(ctx.now), rest: rest.join(' ') };
}

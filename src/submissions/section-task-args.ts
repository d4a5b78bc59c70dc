import type { ChatContext } from '../core/chat-context';
import type { Section } from '../org/schema';
import { monthOf, parseMonth, type MonthKey } from '../tasks/period';
import type { Task } from '../tasks/schema';

export interface SectionTaskArgs {
  section: Section | undefined;
  task: Task | undefined;
  month: MonthKey;
  /** The words after section, task and month: a reason. */
  rest: string;
}

/** The `科室 任务 [月份] [理由…]` shape of the admin commands (退回, 免报, 取消免报). */
export function parseSectionTaskArgs(ctx: ChatContext): SectionTaskArgs {
  const words = ctx.args.trim().split(/\s+/).filter(Boolean);
  const section = words[0] ? ctx.roster.findSection(words[0]) : undefined;
  const task = words[1] ? ctx.catalog.findTask(words[1]) : undefined;
  let rest = words.slice(2);
  const month = rest[0] ? parseMonth(rest[0], ctx.now) : undefined;
  if (month) rest = rest.slice(1);
  return { section, task, month: month ?? monthOf(ctx.now), rest: rest.join(' ') };
}

import type { MemberCommand } from '../src/core/chat-context';
import { t } from '../src/prompts';
import { parseSectionTaskArgs } from '../src/flows/section-task-args';
import { monthLabel } from '../src/tasks/period';

/** 取消免报: the section owes the task again (and reminders resume). */
const unexempt: MemberCommand = {
  name: '取消免报',
  aliases: ['unexempt'],
  usage: t('commands.unexempt.usage'),
  summary: t('commands.unexempt.summary'),
  roles: ['admin'],
  private: true,
  async run(ctx) {
    if (!ctx.args.trim()) return ctx.reply(t('exempt.usage'));
    const args = parseSectionTaskArgs(ctx, t('commands.unexempt.usage'), { futureMonths: true });
    if (!args.ok) return ctx.reply(args.message);
    const { section, task, month } = args;
    const facts = { section: section.name, task: task.short, month: monthLabel(month) };
    const removed = await ctx.store.change((tx) => tx.submissions.unexempt(month, task.id, section.id));
    await ctx.reply(removed ? t('exempt.undone', facts) : t('exempt.not_exempt', facts));
  },
};

export default unexempt;

import type { MemberCommand } from '../src/core/chat-context';
import { t } from '../src/prompts';
import { parseSectionTaskArgs } from '../src/flows/section-task-args';
import { monthLabel } from '../src/tasks/period';
import { formatDayTime } from '../src/time';

/** 免报: an admin records that a section owes nothing for a task this month; it is not reminded again. */
const exempt: MemberCommand = {
  name: '免报',
  aliases: ['exempt'],
  usage: t('commands.exempt.usage'),
  summary: t('commands.exempt.summary'),
  roles: ['admin'],
  private: true,
  async run(ctx) {
    if (!ctx.args.trim()) return ctx.reply(t('exempt.usage'));
    const args = parseSectionTaskArgs(ctx, t('commands.exempt.usage'), { futureMonths: true });
    if (!args.ok) return ctx.reply(args.message);
    const { section, task, month, rest: reason } = args;
    const facts = { section: section.name, task: task.short, month: monthLabel(month) };
    if (!ctx.catalog.owes(task, section.id)) return ctx.reply(t('exempt.not_owed', facts));
    if (!reason) return ctx.reply(t('exempt.need_reason', { section: section.aliases[0] ?? section.name, task: task.short }));
    const existing = ctx.store.view.submissions.exemption(month, task.id, section.id);
    if (existing) {
      return ctx.reply(t('exempt.already', { ...facts, at: formatDayTime(new Date(existing.at)), by: ctx.roster.person(existing.by)?.name ?? existing.by, reason: existing.reason }));
    }
    const exemption = { month, taskId: task.id, sectionId: section.id, reason, by: ctx.person.id, at: ctx.now.toISOString() };
    await ctx.store.change((tx) => tx.submissions.exempt(exemption));
    for (const person of ctx.roster.membersWithRole(section.id, 'reporter')) {
      await ctx.send({ to: { kind: 'direct', personId: person.id }, mentions: [], content: { text: t('exempt.notice', { ...facts, by: ctx.person.name, reason }) } });
    }
    await ctx.reply(t('exempt.done', { ...facts, reason }));
  },
};

export default exempt;

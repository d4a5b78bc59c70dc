import type { MemberContext } from '../src/core/chat-context';
import type { MemberCommand } from '../src/core/chat-context';
import { t } from '../src/prompts';
import { reviewPointsItem } from '../src/flows/points-review';
import { parseSectionTaskArgs } from '../src/flows/section-task-args';
import { monthLabel } from '../src/tasks/period';
import { formatDayTime } from '../src/time';

/** `退回 3 理由` names a points item; anything else names a section's submission. */
const POINTS_ITEM = /^[#＃]?(\d+)\s*([\s\S]*)$/;

/**
 * 退回: an admin returns a section's submission with a reason (`退回 科室 任务 理由`), or a head
 * returns a points item (`退回 编号 理由`). Either way the person concerned is told directly.
 */
const returnCommand: MemberCommand = {
  name: '退回',
  aliases: ['return', 'reject'],
  usage: t('commands.return.usage'),
  summary: t('commands.return.summary'),
  roles: ['admin', 'head'],
  restricted: [
    {
      usage: t('commands.return.usage'),
      matches: (args) => args.trim() !== '' && !POINTS_ITEM.test(args.trim()),
      roles: ['admin'],
      hint: () => t('return.points_hint'),
    },
  ],
  private: true,
  async run(ctx) {
    const args = ctx.args.trim();
    const points = POINTS_ITEM.exec(args);
    if (points) return reviewPointsItem(ctx, Number(points[1]), 'returned', points[2]!.trim());
    // A head returns points items only: the registry refuses them the section form.
    await (args ? returnSubmissionCommand(ctx) : ctx.reply(t('return.usage')));
  },
};

async function returnSubmissionCommand(ctx: MemberContext): Promise<void> {
  const args = parseSectionTaskArgs(ctx, t('commands.return.usage'));
  if (!args.ok) return ctx.reply(args.message);
  const { section, task, month, rest: reason } = args;
  if (!reason) return ctx.reply(t('return.need_reason', { example: ctx.args.trim().split(/\s+/).slice(0, 2).join(' ') }));
  const facts = { section: section.name, task: task.short, month: monthLabel(month) };
  const submission = ctx.store.view.submissions.current(month, task.id, section.id);
  if (!submission) return ctx.reply(t('return.nothing', facts));
  if (submission.returned) return ctx.reply(t('return.already', { ...facts, at: formatDayTime(new Date(submission.returned.at)) }));
  await ctx.store.change((tx) => tx.submissions.sendBack(submission, ctx.person.id, ctx.now, reason));
  // The submitter and the section's reporters hear it; the button reopens the same form.
  const told = new Set([submission.submittedBy, ...ctx.roster.membersWithRole(section.id, 'reporter').map((p) => p.id)]);
  for (const personId of told) {
    await ctx.send({
      to: { kind: 'direct', personId },
      mentions: [],
      content: {
        card: {
          title: t('return.notice_title'),
          lines: [t('return.notice', { ...facts, by: ctx.person.name, reason })],
          buttons: [{ label: t('return.button'), value: `填报 ${task.short} ${section.aliases[0] ?? section.name} ${month}` }],
        },
      },
    });
  }
  await ctx.reply(t('return.done', { ...facts, people: [...told].map((id) => ctx.roster.person(id)?.name ?? id).join('、') }));
}

export default returnCommand;

import type { MemberContext } from '../src/core/chat-context';
import type { MemberCommand } from '../src/core/chat-context';
import { addressLabel } from '../src/channels/address-label';
import { missingWord, monthIn, readWords } from '../src/core/argument-words';
import { t } from '../src/prompts';
import { deliverPending, recordPlanned } from '../src/reminders/outbox';
import type { Outgoing } from '../src/model/message';
import { renderText } from '../src/core/render-text';
import { isWorkingTime, nextWorkingTime } from '../src/reminders/planner';
import { previewReminders } from '../src/reminders/preview';
import { directMessage, groupMessage, reporterPart } from '../src/reminders/reminder-messages';
import { shortSectionName } from '../src/submissions/progress';
import { isOwed } from '../src/submissions/records';
import { deadlineOf, monthLabel, monthOf } from '../src/tasks/period';
import { formatDayTime } from '../src/time';

/** 提醒 预览 / 提醒 立即 任务: what the reminder planner will do, or a reminder sent right now. */
const remind: MemberCommand = {
  name: '提醒',
  aliases: ['remind'],
  usage: t('commands.remind.usage'),
  summary: t('commands.remind.summary'),
  roles: ['admin'],
  // The preview names every person and what each section owes: not for the group.
  private: true,
  async run(ctx) {
    const [sub = '', ...rest] = ctx.args.trim().split(/\s+/);
    if (/^(预览|preview)$/i.test(sub)) return preview(ctx);
    if (/^(立即|now)$/i.test(sub) && rest.length) return remindNow(ctx, rest);
    await ctx.reply(t('remind.usage'));
  },
};

async function preview(ctx: MemberContext): Promise<void> {
  const entries = previewReminders(ctx.now, 7, ctx.catalog, ctx.roster, ctx.store.view);
  if (!entries.length) return ctx.reply(t('remind.preview_none'));
  await ctx.reply({
    card: {
      title: t('remind.preview_title', { from: formatDayTime(ctx.now) }),
      lines: [
        ...entries.map(({ at, planned }) => t('remind.preview_line', { at: formatDayTime(at), to: addressLabel(planned.message.to, ctx.roster), summary: summaryOf(planned.message, ctx) })),
        t('remind.preview_note'),
      ],
    },
  });
}

/** What a message is (its card title, or its 【title】) and which tasks it names. */
function summaryOf(message: Outgoing, ctx: MemberContext): string {
  const text = renderText(message.content);
  const title = 'card' in message.content ? message.content.card.title : (/^【(.+?)】/.exec(text)?.[1] ?? text.slice(0, 20));
  // In the order the message names them (deadline order).
  const tasks = ctx.catalog.tasks.map((task) => task.short).filter((short) => text.includes(short)).sort((a, b) => text.indexOf(a) - text.indexOf(b));
  return tasks.length ? t('remind.preview_summary', { title, tasks: tasks.join('、') }) : title;
}

/** Reminds the reporters still owing the task (a DM each, and one group message), recorded like any reminder. */
async function remindNow(ctx: MemberContext, words: string[]): Promise<void> {
  const read = readWords(words, ['task', 'month'], ctx);
  if (!read.ok) return ctx.reply(read.message);
  const task = read.words.flatMap((w) => (w.kind === 'task' ? [w.task] : []))[0];
  if (!task) return ctx.reply(missingWord('task', t('commands.remind.now_usage'), ctx));
  const month = monthIn(read.words) ?? monthOf(ctx.now);
  const deadline = deadlineOf(task, month, ctx.catalog);
  const items = ctx.catalog.sectionsOwing(task).filter((s) => isOwed(ctx.store.view.submissions.status(month, task.id, s))).map((sectionId) => ({ task, month, sectionId, deadline }));
  if (!items.length) return ctx.reply(t('remind.nothing_missing', { task: task.short, month: monthLabel(month) }));
  // An admin's explicit request: keyed by its own time, so it is recorded once and counts on no day's quota.
  const key = (who: string) => `manual@${ctx.now.toISOString()}|${month}|${task.id}|${who}`;
  const reporters = [...new Set(items.flatMap((i) => ctx.roster.membersWithRole(i.sectionId, 'reporter')))];
  const planned = [
    ...reporters.map((p) => ({ keys: [key(p.id)], message: directMessage(p.id, [reporterPart(p, items.filter((i) => p.sections.includes(i.sectionId)), ctx.now, ctx.roster)]) })),
    { keys: [key('group')], message: groupMessage(ctx.roster.mainGroup.id, items, ctx.now, ctx.roster) },
  ];
  await recordPlanned(ctx.store, planned, ctx.now);
  const sections = items.map((i) => shortSectionName(ctx.roster.section(i.sectionId)!));
  const lines = [t('remind.sent', { task: task.short, month: monthLabel(month), count: sections.length, sections: sections.join('、') })];
  if (isWorkingTime(ctx.now, ctx.catalog)) await deliverPending(ctx.store, (out) => ctx.send(out), ctx.now, ctx.log, ctx.roster);
  else lines.push(t('remind.outside_hours', { at: formatDayTime(nextWorkingTime(ctx.now, ctx.catalog)) }));
  await ctx.reply(lines.join('\n'));
}

export default remind;

import type { ChatContext } from '../src/core/chat-context';
import type { Command } from '../src/core/command';
import { addressLabel } from '../src/channels/address-label';
import { monthIn, readWords } from '../src/core/argument-words';
import { t } from '../src/prompts';
import { deliverPending, recordPlanned } from '../src/reminders/outbox';
import { isWorkingTime, itemsFor, nextWorkingTime } from '../src/reminders/planner';
import { previewReminders } from '../src/reminders/preview';
import { renderReminders } from '../src/reminders/reminder-messages';
import { shortSectionName } from '../src/submissions/progress';
import { monthLabel, monthOf } from '../src/tasks/period';
import { formatDayTime } from '../src/time';

/** 提醒 预览 / 提醒 立即 任务: what the reminder planner will do, or a reminder sent right now. */
const remind: Command = {
  name: '提醒',
  aliases: ['remind'],
  usage: '提醒 预览｜提醒 立即 任务',
  summary: '预览未来 7 天将发送的提醒，或马上提醒某任务尚未报送的科室',
  roles: ['admin'],
  async run(ctx) {
    const [sub = '', ...rest] = ctx.args.trim().split(/\s+/);
    if (/^(预览|preview)$/i.test(sub)) return preview(ctx);
    if (/^(立即|now)$/i.test(sub) && rest[0]) return remindNow(ctx, rest[0], rest[1]);
    await ctx.reply(t('remind.usage'));
  },
};

async function preview(ctx: ChatContext): Promise<void> {
  const entries = previewReminders(ctx.now, 7, ctx.catalog, ctx.roster, ctx.store.data);
  if (!entries.length) return ctx.reply(t('remind.preview_none'));
  await ctx.reply({
    card: {
      title: t('remind.preview_title', { from: formatDayTime(ctx.now) }),
      lines: [
        ...entries.map(({ at, planned }) => {
          const tasks = [...new Set(planned.keys.map((k) => ctx.catalog.task(k.split('|')[1]!)?.short).filter(Boolean))];
          return t('remind.preview_line', { at: formatDayTime(at), to: addressLabel(planned.message.to, ctx.roster), summary: tasks.join('、') || planned.keys[0]! });
        }),
        t('remind.preview_note'),
      ],
    },
  });
}

/** Reminds the reporters still owing the task (a DM each, and one group message), recorded like any reminder. */
async function remindNow(ctx: ChatContext, taskWord: string, monthWord?: string): Promise<void> {
  const task = ctx.catalog.findTask(taskWord);
  if (!task) return ctx.reply(t('remind.unknown_task', { task: taskWord, tasks: ctx.catalog.tasks.map((x) => x.short).join('、') }));
  const read = readWords(monthWord ? [monthWord] : [], ['month'], ctx);
  if (!read.ok) return ctx.reply(read.message);
  const month = monthIn(read.words) ?? monthOf(ctx.now);
  const stamp = ctx.now.toISOString();
  const items = (['reporters', 'group'] as const).flatMap((audience) =>
    itemsFor({ task, month, rule: { id: `manual@${stamp}`, workdays: 0, at: '00:00', audience }, from: ctx.now, until: ctx.now }, ctx.catalog, ctx.roster, ctx.store.data),
  );
  if (!items.length) return ctx.reply(t('remind.nothing_missing', { task: task.short, month: monthLabel(month) }));
  await recordPlanned(ctx.store, renderReminders(items, ctx.roster), ctx.now);
  const sections = [...new Set(items.map((i) => i.sectionId))].map((id) => shortSectionName(ctx.roster.section(id)!));
  const lines = [t('remind.sent', { task: task.short, month: monthLabel(month), count: sections.length, sections: sections.join('、') })];
  if (isWorkingTime(ctx.now, ctx.catalog)) await deliverPending(ctx.store, (out) => ctx.send(out), ctx.now, ctx.log);
  else lines.push(t('remind.outside_hours', { at: formatDayTime(nextWorkingTime(ctx.now, ctx.catalog)) }));
  await ctx.reply(lines.join('\n'));
}

export default remind;

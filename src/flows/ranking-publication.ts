import type { MemberContext } from '../core/chat-context';
import { sendDirect } from '../core/direct-message';
import { renderText } from '../core/render-text';
import { t } from '../prompts';
import { ranMonth } from '../ranking/draft';
import { noticeFor, type Notice } from '../ranking/notice';
import { CONFIRM_MINUTES, fullTime, monthState, neverCollected } from '../ranking/publication';
import { dropPending, markPosted, othersPending, pendingPublication, savePublished, setPending } from '../ranking/records';
import { firstRunOf } from '../reminders/planner';
import { monthLabel, type MonthKey } from '../tasks/period';
import { formatDayTime } from '../time';

/**
 * `排名 发布 月份`: refuses a month that is not closed or has nothing new; otherwise shows the admin
 * exactly what would be posted and records it as theirs to confirm with 确认发布. Nothing is sent
 * to the group here. `preamble` says why it is shown (again).
 */
export async function preparePublication(ctx: MemberContext, month: MonthKey, preamble?: string): Promise<void> {
  const label = monthLabel(month);
  const state = monthState(month, ctx.catalog, ctx.now);
  if (state.kind === 'future') return ctx.reply(t('ranking.future', { label }));
  if (state.kind === 'open') return ctx.reply(t('ranking.too_early', { label, deadline: fullTime(state.deadline), month }));
  if (neverCollected(month, ctx.store.data, ctx.catalog, ctx.now)) return ctx.reply(t('ranking.never_collected', { label }));
  const notice = noticeFor(ctx.store.data, ctx.roster, ctx.catalog, month, ctx.now);
  if (!notice.rows.length) return ctx.reply(t('ranking.nothing_to_rank', { label }));
  if (notice.unchanged) return ctx.reply(unchangedText(ctx, notice));
  const expiresAt = new Date(ctx.now.getTime() + CONFIRM_MINUTES * 60_000);
  const content = { card: notice.card };
  await setPending(ctx.store, ctx.person.id, { month, preparedAt: ctx.now.toISOString(), expiresAt: expiresAt.toISOString(), text: renderText(content) });
  // The admin's direct chat: a notice shown in the group before confirmation would be published.
  if (preamble) await sendDirect(ctx, preamble);
  await sendDirect(ctx, content);
  const noSubmissions = !ctx.store.data.submissions.some((s) => s.month === month);
  const firstRun = firstRunOf(ctx.store.data, ctx.now);
  const startedMidMonth = !ranMonth(month, firstRun, ctx.catalog);
  await sendDirect(ctx, {
    card: {
      title: t('ranking.confirm_title'),
      lines: [
        notice.earlier ? t('ranking.confirm_correction', { label, previous: formatDayTime(new Date(notice.earlier.publishedAt)) }) : t('ranking.confirm_first', { label }),
        ...(noSubmissions ? [t('ranking.confirm_no_submissions', { label })] : []),
        ...(startedMidMonth ? [t('ranking.confirm_started_mid_month', { label, since: formatDayTime(firstRun) })] : []),
        t('ranking.confirm_how', { until: formatDayTime(expiresAt), month }),
      ],
      buttons: [{ label: t('ranking.button_confirm'), value: '确认发布' }],
    },
  });
  if (ctx.msg.chatType === 'group') await ctx.reply(t('ranking.sent_privately', { label }));
}

/**
 * 确认发布: publishes what this admin was shown, and only that. Nothing pending, an expired
 * confirmation, a month published meanwhile, or a notice that changed since it was shown are
 * each answered without posting; a changed notice is shown again to be confirmed anew.
 */
export async function confirmPublication(ctx: MemberContext): Promise<void> {
  const admin = ctx.person;
  const pending = pendingPublication(ctx.store.data, admin.id);
  if (!pending) {
    const others = othersPending(ctx.store.data, admin.id, ctx.now).map(([id, p]) =>
      t('ranking.confirm_other_pending', { name: ctx.roster.person(id)?.name ?? id, label: monthLabel(p.month), month: p.month }),
    );
    return ctx.reply([t('ranking.confirm_nothing'), ...others].join('\n'));
  }
  const label = monthLabel(pending.month);
  if (ctx.now >= new Date(pending.expiresAt)) {
    await dropPending(ctx.store, admin.id);
    return ctx.reply(t('ranking.confirm_expired', { label, prepared: formatDayTime(new Date(pending.preparedAt)), minutes: CONFIRM_MINUTES, month: pending.month }));
  }
  const notice = noticeFor(ctx.store.data, ctx.roster, ctx.catalog, pending.month, ctx.now);
  if (notice.unchanged) {
    await dropPending(ctx.store, admin.id);
    return ctx.reply(unchangedText(ctx, notice));
  }
  const content = { card: notice.card };
  const text = renderText(content);
  if (text !== pending.text) return preparePublication(ctx, pending.month, t('ranking.confirm_changed', { label, prepared: formatDayTime(new Date(pending.preparedAt)) }));
  const message = { to: { kind: 'group' as const, groupId: ctx.roster.mainGroup.id }, mentions: [], content };
  const outboxId = await savePublished(ctx.store, admin.id, { month: pending.month, publishedAt: ctx.now.toISOString(), publishedBy: admin.id, correction: Boolean(notice.earlier), rows: notice.rows, text }, message);
  try {
    await ctx.send({ ...message, idempotencyKey: outboxId });
  } catch (error) {
    ctx.log.warn({ err: error, outbox: outboxId, month: pending.month }, 'ranking notice send failed; the outbox will retry');
    return ctx.reply(t('ranking.published_retry', { label }));
  }
  await markPosted(ctx.store, outboxId, ctx.now);
  await ctx.reply(
    notice.earlier
      ? t('ranking.published_correction', { label, previous: formatDayTime(new Date(notice.earlier.publishedAt)) })
      : t('ranking.published', { label }),
  );
}

function unchangedText(ctx: MemberContext, notice: Notice): string {
  const { earlier } = notice;
  return t('ranking.unchanged', {
    label: monthLabel(notice.month),
    when: formatDayTime(new Date(earlier!.publishedAt)),
    by: ctx.roster.person(earlier!.publishedBy)?.name ?? earlier!.publishedBy,
  });
}

import type { MemberContext } from '../core/chat-context';
import { sendDirect } from '../core/direct-message';
import { renderText } from '../core/render-text';
import { t } from '../prompts';
import { ranMonth } from '../ranking/draft';
import { noticeFor, type Notice } from '../ranking/notice';
import { CONFIRM_MINUTES, fullTime, monthState, neverCollected } from '../ranking/publication';
import { firstRunOf } from '../reminders/planner';
import { monthLabel, type MonthKey } from '../tasks/period';
import { formatDayTime } from '../time';
import type { Outgoing } from '../model/message';
import type { PublishedRanking } from '../store/schema';
import type { Store } from '../store/store';

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
  if (neverCollected(month, ctx.store.view, ctx.catalog, ctx.now)) return ctx.reply(t('ranking.never_collected', { label }));
  const notice = noticeFor(ctx.store.view, ctx.roster, ctx.catalog, month, ctx.now);
  if (!notice.rows.length) return ctx.reply(t('ranking.nothing_to_rank', { label }));
  if (notice.unchanged) return ctx.reply(unchangedText(ctx, notice));
  const expiresAt = new Date(ctx.now.getTime() + CONFIRM_MINUTES * 60_000);
  const content = { card: notice.card };
  const pending = { month, preparedAt: ctx.now.toISOString(), expiresAt: expiresAt.toISOString(), text: renderText(content) };
  await ctx.store.change((tx) => tx.rankings.setPending(ctx.person.id, pending));
  // The admin's direct chat: a notice shown in the group before confirmation would be published.
  if (preamble) await sendDirect(ctx, preamble);
  await sendDirect(ctx, content);
  const noSubmissions = !ctx.store.view.submissions.ofMonth(month).length;
  const firstRun = firstRunOf(ctx.store.view, ctx.now);
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
  const pending = ctx.store.view.rankings.pending(admin.id);
  if (!pending) {
    const others = ctx.store.view.rankings.othersPending(admin.id, ctx.now).map(([id, p]) =>
      t('ranking.confirm_other_pending', { name: ctx.roster.person(id)?.name ?? id, label: monthLabel(p.month), month: p.month }),
    );
    return ctx.reply([t('ranking.confirm_nothing'), ...others].join('\n'));
  }
  const label = monthLabel(pending.month);
  if (ctx.now >= new Date(pending.expiresAt)) {
    await ctx.store.change((tx) => tx.rankings.dropPending(admin.id));
    return ctx.reply(t('ranking.confirm_expired', { label, prepared: formatDayTime(new Date(pending.preparedAt)), minutes: CONFIRM_MINUTES, month: pending.month }));
  }
  const notice = noticeFor(ctx.store.view, ctx.roster, ctx.catalog, pending.month, ctx.now);
  if (notice.unchanged) {
    await ctx.store.change((tx) => tx.rankings.dropPending(admin.id));
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
  await ctx.store.change((tx) => tx.outbox.markSent(outboxId, ctx.now));
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

/**
 * Records a confirmed publication, queues the notice for the group in the outbox and closes the
 * pending confirmation, all in one transaction before anything is sent: a crash or a failed send
 * then leaves the notice to the outbox's retries (within working hours), never stored as
 * published but not posted, nor confirmable twice. Returns the outbox entry's id.
 */
export function savePublished(store: Store, adminId: string, ranking: PublishedRanking, notice: Outgoing): Promise<string> {
  return store.change((tx) => {
    tx.rankings.publish(adminId, ranking);
    return tx.outbox.enqueue([`${ranking.month}|ranking-notice|${ranking.publishedAt}`], notice, new Date(ranking.publishedAt));
  });
}

import { missingWord, notUnderstood } from '../src/core/argument-words';
import type { MemberContext } from '../src/core/chat-context';
import { firstWordIs } from '../src/core/command';
import type { MemberCommand } from '../src/core/chat-context';
import { sendDirect } from '../src/core/direct-message';
import { t } from '../src/prompts';
import { draftFooter } from '../src/ranking/draft';
import { noticeFor } from '../src/ranking/notice';
import { preparePublication } from '../src/flows/ranking-publication';
import { defaultRankingMonth, fullTime, monthState, neverCollected } from '../src/ranking/publication';
import { monthLabel, monthOf, parseMonth, previousMonth, type MonthKey } from '../src/tasks/period';
import { formatDayTime } from '../src/time';

const isPreparation = firstWordIs('预览', 'preview', '发布', 'publish');

/**
 * 排名: the monthly ranking notice. Anyone reads a published month (`排名 [月份]`) or a section's
 * history (`排名 历史 科室`); admins preview the draft and publish it — `排名 发布` shows what would
 * be posted, and only 确认发布 posts it.
 */
const ranking: MemberCommand = {
  name: '排名',
  aliases: ['ranking', '通报'],
  usage: t('commands.ranking.usage'),
  summary: t('commands.ranking.summary'),
  restricted: [{ usage: t('commands.ranking.prepare_usage'), matches: isPreparation, roles: ['admin'] }],
  async run(ctx) {
    const [sub = '', ...rest] = ctx.args.trim().split(/\s+/).filter(Boolean);
    if (isPreparation(ctx.args)) {
      let month: MonthKey | undefined;
      if (rest.length) {
        month = parseMonth(rest.join(''), ctx.now);
        if (!month) return ctx.reply(notUnderstood(rest.join(''), ['month'], ctx));
      } else {
        const fallback = defaultRankingMonth(ctx.store.view, ctx.catalog, ctx.now);
        if (fallback.kind === 'none') return ctx.reply(t('ranking.no_month_ready', { label: monthLabel(fallback.next), deadline: fullTime(fallback.deadline), sub, example: previousMonth(monthOf(ctx.now)) }));
        month = fallback.month;
      }
      return /^(预览|preview)$/i.test(sub) ? preview(ctx, month) : preparePublication(ctx, month);
    }
    if (/^(历史|history)$/i.test(sub)) return history(ctx, rest.join(''));
    const month = sub ? parseMonth(sub, ctx.now) : ctx.store.view.rankings.publishedMonths()[0];
    if (sub && !month) return ctx.reply([notUnderstood(sub, ['month'], ctx), t('ranking.usage')].join('\n'));
    if (!month) return ctx.reply(t('ranking.none_published'));
    const published = ctx.store.view.rankings.published(month);
    if (!published) return ctx.reply(t('ranking.not_published', { label: monthLabel(month), month }));
    await ctx.reply(published.text);
  },
};

/**
 * The draft from today's submissions, in the admin's direct chat. A month still open is shown as
 * provisional (its unsubmitted tasks count as 未报 though not yet due) and cannot be published; a
 * future month has nothing to show.
 */
async function preview(ctx: MemberContext, month: MonthKey): Promise<void> {
  const label = monthLabel(month);
  const state = monthState(month, ctx.catalog, ctx.now);
  if (state.kind === 'future') return ctx.reply(t('ranking.future', { label }));
  const openUntil = state.kind === 'open' ? state.deadline : undefined;
  const notice = noticeFor(ctx.store.view, ctx.roster, ctx.catalog, month, ctx.now, { openUntil });
  if (!notice.rows.length) return ctx.reply(t('ranking.nothing_to_rank', { label }));
  const { card } = notice;
  if (openUntil) await sendDirect(ctx, { card });
  else if (neverCollected(month, ctx.store.view, ctx.catalog, ctx.now)) {
    await sendDirect(ctx, { card: { ...card, footer: [...(card.footer ?? []), t('ranking.never_collected', { label })] } });
  } else if (notice.unchanged) {
    const when = formatDayTime(new Date(notice.earlier!.publishedAt));
    await sendDirect(ctx, { card: { ...card, footer: [...(card.footer ?? []), t('ranking.preview_unchanged', { when })] } });
  } else await sendDirect(ctx, { card: { ...card, ...draftFooter(card, month) } });
  if (ctx.msg.chatType === 'group') await ctx.reply(t('ranking.preview_sent_privately', { label }));
}

/** A named section's history; without a name, the asker's own section. */
async function history(ctx: MemberContext, sectionWord: string): Promise<void> {
  const section = sectionWord ? ctx.roster.findSection(sectionWord) : ctx.roster.sectionsOf(ctx.person)[0];
  if (sectionWord && !section) return ctx.reply(notUnderstood(sectionWord, ['section'], ctx));
  if (!section) return ctx.reply(missingWord('section', t('ranking.history_usage'), ctx));
  const lines = ctx.store.view.rankings.sectionHistory(section.id).map(({ month, row }) =>
    t('ranking.history_line', { label: monthLabel(month), rank: row.rank, tie: row.tied ? t('ranking.tie') : '', score: row.score.toFixed(1), onTime: row.onTime, late: row.late, missing: row.missing }),
  );
  if (!lines.length) return ctx.reply(t('ranking.history_none', { section: section.name }));
  await ctx.reply({ card: { title: t('ranking.history_title', { section: section.name }), lines } });
}

export default ranking;

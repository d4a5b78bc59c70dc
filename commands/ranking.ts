import type { ChatContext } from '../src/core/chat-context';
import type { Command } from '../src/core/command';
import { t } from '../src/prompts';
import { noticeFor } from '../src/ranking/notice';
import { publishedMonths, publishedRanking, savePublished, sectionHistory } from '../src/ranking/records';
import { renderText } from '../src/core/render-text';
import { monthLabel, monthOf, parseMonth, previousMonth } from '../src/tasks/period';
import { formatDayTime } from '../src/time';

/**
 * 排名: the monthly ranking notice. Anyone reads a published month (`排名 [月份]`) or a section's
 * history (`排名 历史 科室`); admins preview the draft and publish it to the group, a second
 * publication of a month being a correction (更正) that replaces the first.
 */
const ranking: Command = {
  name: '排名',
  aliases: ['ranking', '通报'],
  usage: '排名 [月份]｜排名 历史 科室｜排名 预览/发布 [月份]',
  summary: '查看已发布的月度排名通报和科室历月排名；管理员预览、发布通报',
  async run(ctx) {
    const [sub = '', ...rest] = ctx.args.trim().split(/\s+/).filter(Boolean);
    const isAdmin = ctx.person!.roles.includes('admin');
    if (/^(预览|preview|发布|publish)$/i.test(sub)) {
      if (!isAdmin) return ctx.reply(t('ranking.admin_only'));
      // Before the month's deadlines have passed there is nothing to rank yet: default to last month.
      const month = parseMonth(rest[0] ?? '', ctx.now) ?? previousMonth(monthOf(ctx.now));
      return /^(预览|preview)$/i.test(sub) ? preview(ctx, month) : publish(ctx, month);
    }
    if (/^(历史|history)$/i.test(sub)) return history(ctx, rest.join(''));
    const month = sub ? parseMonth(sub, ctx.now) : publishedMonths(ctx.store.data)[0];
    if (sub && !month) return ctx.reply(t('ranking.usage'));
    if (!month) return ctx.reply(t('ranking.none_published'));
    const published = publishedRanking(ctx.store.data, month);
    if (!published) return ctx.reply(t('ranking.not_published', { label: monthLabel(month), month }));
    await ctx.reply(published.text);
  },
};

async function preview(ctx: ChatContext, month: string): Promise<void> {
  const { rows, card } = noticeFor(ctx.store.data, ctx.roster, ctx.catalog, month, ctx.now, 'draft');
  if (!rows.length) return ctx.reply(t('ranking.nothing_to_rank', { label: monthLabel(month) }));
  await ctx.reply({ card: { ...card, footer: [...(card.footer ?? []), t('ranking.draft_hint', { month })], buttons: [{ label: t('ranking.button_publish'), value: `排名 发布 ${month}` }] } });
}

async function publish(ctx: ChatContext, month: string): Promise<void> {
  const earlier = publishedRanking(ctx.store.data, month);
  const { rows, card } = noticeFor(ctx.store.data, ctx.roster, ctx.catalog, month, ctx.now, earlier ? 'correction' : 'first');
  if (!rows.length) return ctx.reply(t('ranking.nothing_to_rank', { label: monthLabel(month) }));
  const content = { card };
  await savePublished(ctx.store, { month, publishedAt: ctx.now.toISOString(), publishedBy: ctx.person!.id, correction: Boolean(earlier), rows, text: renderText(content) });
  await ctx.send({ to: { kind: 'group', groupId: ctx.roster.mainGroup.id }, mentions: [], content });
  const correction = earlier ? t('ranking.published_correction', { previous: formatDayTime(new Date(earlier.publishedAt)) }) : '';
  await ctx.reply(t('ranking.published', { label: monthLabel(month), correction }));
}

async function history(ctx: ChatContext, sectionWord: string): Promise<void> {
  const section = ctx.roster.findSection(sectionWord) ?? (ctx.person ? ctx.roster.sectionsOf(ctx.person)[0] : undefined);
  if (!section) return ctx.reply(t('ranking.usage'));
  const lines = sectionHistory(ctx.store.data, section.id).map(({ month, row }) =>
    t('ranking.history_line', { label: monthLabel(month), rank: row.rank, tie: row.tied ? t('ranking.tie') : '', score: row.score.toFixed(1), onTime: row.onTime, late: row.late, missing: row.missing }),
  );
  if (!lines.length) return ctx.reply(t('ranking.history_none', { section: section.name }));
  await ctx.reply({ card: { title: t('ranking.history_title', { section: section.name }), lines } });
}

export default ranking;

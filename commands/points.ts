import { monthIn, readWords } from '../src/core/argument-words';
import type { MemberContext } from '../src/core/chat-context';
import type { MemberCommand } from '../src/core/chat-context';
import { t } from '../src/prompts';
import { pointsKindLabel, pointsStatusLabel } from '../src/points/labels';
import { POINTS_FLOW } from '../src/flows/points-form';
import { canVerify } from '../src/points/records';
import { pointsTotals } from '../src/points/totals';
import { monthLabel, monthOf } from '../src/tasks/period';
import { formatDayTime } from '../src/time';

/**
 * 积分: report one's own 机关信用积分 item (a guided form), see one's record (积分 记录), a head's
 * pending verifications (积分 待审), or the office's compiled totals (积分 汇总). Personal points
 * are only ever shown in direct chats (a private command).
 */
const points: MemberCommand = {
  name: '积分',
  aliases: ['points'],
  usage: t('commands.points.usage'),
  summary: t('commands.points.summary'),
  private: true,
  async run(ctx) {
    const [first = '', ...rest] = ctx.args.trim().split(/\s+/).filter(Boolean);
    const sub = SUBCOMMANDS.has(first) ? first : '';
    // 积分 11月 reads as 积分 记录 11月: a month only makes sense for a record.
    const read = readWords(sub ? rest : [first, ...rest].filter(Boolean), ['month'], ctx);
    if (!read.ok) return ctx.reply(`${read.message}\n${t('points.usage')}`);
    const month = monthIn(read.words) ?? monthOf(ctx.now);
    if (!sub && read.words.length) return showMine(ctx, month);
    switch (sub) {
      case '记录':
      case 'mine':
        return showMine(ctx, month);
      case '待审':
      case 'pending':
        return showPending(ctx);
      case '汇总':
      case 'summary':
        return showTotals(ctx, month);
      default:
        return ctx.conversations.start(ctx, POINTS_FLOW);
    }
  },
};

const SUBCOMMANDS = new Set(['记录', 'mine', '待审', 'pending', '汇总', 'summary']);

async function showMine(ctx: MemberContext, month: string): Promise<void> {
  const items = ctx.store.view.points.ofMonth(month).filter((i) => i.personId === ctx.person.id);
  if (!items.length) return ctx.reply(t('points.mine_none', { month: monthLabel(month) }));
  const total = pointsTotals(ctx.store.view.points, ctx.roster, month).find((r) => r.personId === ctx.person.id)!;
  await ctx.reply({
    card: {
      title: t('points.mine_title', { month: monthLabel(month) }),
      lines: [t('points.mine_total', { total: total.total, add: total.add, deduct: total.deduct, pending: total.pending })],
      table: {
        header: [t('column.number'), t('column.points_kind'), t('column.points'), t('column.points_item'), t('column.status')],
        rows: items.map((i) => [`#${i.no}`, pointsKindLabel(i.kind), String(i.points), i.item, pointsStatusLabel(i.status)]),
      },
    },
  });
}

async function showPending(ctx: MemberContext): Promise<void> {
  const items = ctx.store.view.points.pending().filter((i) => canVerify(ctx.roster, ctx.person, i));
  if (!items.length) return ctx.reply(t('points.pending_none'));
  await ctx.reply({
    card: {
      title: t('points.pending_title'),
      lines: items.map((i) => t('points.pending_line', { no: i.no, person: ctx.roster.person(i.personId)?.name ?? i.personId, kind: pointsKindLabel(i.kind), points: i.points, item: i.item, reason: i.reason, at: formatDayTime(new Date(i.reportedAt)) })),
      buttons: items.slice(0, 5).map((i) => ({ label: `${t('points.button_approve')} #${i.no}`, value: `同意 ${i.no}` })),
    },
  });
}

async function showTotals(ctx: MemberContext, month: string): Promise<void> {
  const compiler = ctx.roster.section(ctx.catalog.points.compiler_section)!;
  const person = ctx.person;
  if (!person.roles.includes('admin') && !person.sections.includes(compiler.id)) {
    return ctx.reply(t('points.summary_forbidden', { section: compiler.name }));
  }
  const rows = pointsTotals(ctx.store.view.points, ctx.roster, month);
  await ctx.reply({
    card: {
      title: t('points.summary_table_title', { month: monthLabel(month) }),
      table: {
        header: [t('column.section'), t('column.name'), t('column.points_add'), t('column.points_deduct'), t('column.points_total'), t('column.points_pending')],
        rows: rows.map((r) => [ctx.roster.section(r.sectionId)?.name ?? r.sectionId, ctx.roster.person(r.personId)?.name ?? r.personId, String(r.add), String(r.deduct), String(r.total), String(r.pending)]),
      },
    },
  });
}

export default points;

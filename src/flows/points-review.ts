import { clip, WORD_ECHO } from '../clip';
import type { MemberContext } from '../core/chat-context';
import { t } from '../prompts';
import { formatDayTime } from '../time';
import { pointsKindLabel, pointsStatusLabel } from '../points/labels';
import { canVerify, verifiersOf } from '../points/records';

/**
 * A head's 同意 N / 退回 N 理由 on a points item: checked, recorded, and the reporter told. The
 * commands are private, so their replies go to direct chats.
 */
export async function reviewPointsItem(ctx: MemberContext, no: number, decision: 'approved' | 'returned', note: string): Promise<void> {
  const item = ctx.store.view.points.numbered(no);
  if (!item) return ctx.reply(t('points.not_found', { no }));
  if (!canVerify(ctx.roster, ctx.person, item)) {
    return ctx.reply(t('points.not_verifier', { no, verifiers: verifiersOf(ctx.roster, item.personId, item.sectionId).map((p) => p.name).join('、') }));
  }
  if (item.status !== 'pending') {
    return ctx.reply(t('points.not_pending', { no, at: formatDayTime(new Date(item.review!.at)), status: pointsStatusLabel(item.status) }));
  }
  if (decision === 'returned' && !note) return ctx.reply(t('points.need_reason', { no }));
  const reviewed = await ctx.store.change((tx) => tx.points.review(no, decision, ctx.person.id, ctx.now, note));
  const owner = ctx.roster.person(reviewed.personId);
  const kind = pointsKindLabel(reviewed.kind);
  const facts = { no, kind, points: reviewed.points, item: reviewed.item, by: ctx.person.name };
  await ctx.send({
    to: { kind: 'direct', personId: reviewed.personId },
    mentions: [],
    content: { text: decision === 'approved' ? t('points.approved_notice', facts) : t('points.returned_notice', { ...facts, reason: note }) },
  });
  const person = owner?.name ?? reviewed.personId;
  await ctx.reply(decision === 'approved' ? t('points.approved', { no, person, kind, points: reviewed.points }) : t('points.returned', { no, person }));
}

/**
 * 同意 / 退回 without a usable item number: what was wrong (`word`, or nothing given) and the
 * numbers this person can review.
 */
export function missingNumberReply(ctx: MemberContext, example: string, word?: string): string {
  const pending = ctx.store.view.points.pending().filter((i) => canVerify(ctx.roster, ctx.person, i));
  const items = pending.map((i) => t('points.pending_number', { no: i.no, person: ctx.roster.person(i.personId)?.name ?? i.personId, kind: pointsKindLabel(i.kind), points: i.points }));
  return [
    word ? t('points.not_a_number', { word: clip(word, WORD_ECHO), example }) : t('points.need_number', { example }),
    items.length ? t('points.pending_numbers', { items: items.join('、') }) : t('points.pending_none'),
  ].join('\n');
}

import type { ChatContext } from '../core/chat-context';
import { sendDirect } from '../core/direct-message';
import { t } from '../prompts';
import { formatDayTime } from '../time';
import { pointsKindLabel, pointsStatusLabel } from './labels';
import { canVerify, findPointsItem, reviewPoints, verifiersOf } from './records';

/**
 * A head's 同意 N / 退回 N 理由 on a points item: checked, recorded, and the reporter told. Every
 * reply goes to direct chats, since points are personal.
 */
export async function reviewPointsItem(ctx: ChatContext, no: number, decision: 'approved' | 'returned', note: string): Promise<void> {
  const item = findPointsItem(ctx.store.data, no);
  if (!item) return sendDirect(ctx, t('points.not_found', { no }));
  if (!canVerify(ctx.roster, ctx.person!, item)) {
    return sendDirect(ctx, t('points.not_verifier', { no, verifiers: verifiersOf(ctx.roster, item.personId, item.sectionId).map((p) => p.name).join('、') }));
  }
  if (item.status !== 'pending') {
    return sendDirect(ctx, t('points.not_pending', { no, at: formatDayTime(new Date(item.review!.at)), status: pointsStatusLabel(item.status) }));
  }
  if (decision === 'returned' && !note) return sendDirect(ctx, t('points.need_reason', { no }));
  const reviewed = await reviewPoints(ctx.store, no, decision, ctx.person!.id, ctx.now, note);
  const owner = ctx.roster.person(reviewed.personId);
  const kind = pointsKindLabel(reviewed.kind);
  const facts = { no, kind, points: reviewed.points, item: reviewed.item, by: ctx.person!.name };
  await ctx.send({
    to: { kind: 'direct', personId: reviewed.personId },
    mentions: [],
    content: { text: decision === 'approved' ? t('points.approved_notice', facts) : t('points.returned_notice', { ...facts, reason: note }) },
  });
  const person = owner?.name ?? reviewed.personId;
  await sendDirect(ctx, decision === 'approved' ? t('points.approved', { no, person, kind, points: reviewed.points }) : t('points.returned', { no, person }));
}

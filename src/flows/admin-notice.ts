import type { MemberContext } from '../core/chat-context';

/** A one-line direct message to every admin but the sender (they already know). */
export async function notifyAdmins(ctx: MemberContext, text: string): Promise<void> {
  for (const admin of ctx.roster.admins()) {
    if (admin.id === ctx.person.id) continue;
    await ctx.send({ to: { kind: 'direct', personId: admin.id }, mentions: [], content: { text } });
  }
}

import type { ChatContext } from '../core/chat-context';

/** A one-line direct message to every admin but the sender (they already know). */
export async function notifyAdmins(ctx: ChatContext, text: string): Promise<void> {
  for (const admin of ctx.roster.admins()) {
    if (admin.id === ctx.person?.id) continue;
    await ctx.send({ to: { kind: 'direct', personId: admin.id }, mentions: [], content: { text } });
  }
}

import type { MemberContext } from './chat-context';
import type { Content } from '../model/message';

/** Sends to the sender's direct chat whatever chat they wrote in: forms and personal data live there. */
export function sendDirect(ctx: MemberContext, content: Content | string): Promise<void> {
  return ctx.send({ to: { kind: 'direct', personId: ctx.person.id }, mentions: [], content: typeof content === 'string' ? { text: content } : content });
}

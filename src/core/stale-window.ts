import { t } from '../prompts';
import { formatDayTime } from '../time';
import type { ChatContext } from './chat-context';
import { clip } from '../clip';

/** How old an event may be and still be acted on, unless CREDIT_STALE_MINUTES says otherwise. */
export const DEFAULT_STALE_MINUTES = 10;

/**
 * A platform that lost its connection delivers the backlog when it reconnects (Lark redelivers
 * events it could not push, a WeChat client replays what it queued). Acting on a message typed
 * long ago would surprise its sender — a 确认发布 from an hour ago publishes now, a form answer
 * lands in a form that has moved on — so an event older than the window is logged and not acted
 * on. Whoever was talking to the bot (a direct chat, an @-mention, a command) is told to send it
 * again if it still matters; group chatter stays unanswered, as always.
 *
 * Returns true when the event was set aside.
 */
export async function setAsideIfStale(ctx: ChatContext, windowMinutes: number): Promise<boolean> {
  const { msg, now, log, commands } = ctx;
  const lateMs = now.getTime() - msg.time.getTime();
  if (lateMs <= windowMinutes * 60_000) return false;
  log.info(
    { channel: msg.channel, chatId: msg.chatId, messageId: msg.messageId, sentAt: msg.time.toISOString(), lateMinutes: Math.round(lateMs / 60_000) },
    'stale event not acted on',
  );
  const text = msg.text.trim();
  const addressed = msg.chatType === 'direct' || msg.mentionsBot || commands.match(text) !== undefined;
  if (addressed && text) await ctx.reply(t('stale.not_acted_on', { at: formatDayTime(msg.time), text: clip(text) }));
  return true;
}

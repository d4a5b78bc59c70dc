import { asMember, type ChatContext, type MemberContext } from '../core/chat-context';
import { clip } from '../clip';
import { t } from '../prompts';
import { normalizeInput, parseDate, parseNumberText, parseYesNo } from '../submissions/parse-answer';
import { monthLabel, monthOf } from '../tasks/period';
import { formatDayTime } from '../time';
import { BACK, CONFIRM, DONE, EDIT, SKIP } from './control-words';
import { parkedHow } from './conversations';

/** A reply that only makes sense as an answer to a form: a number, 是/否, a date, 确认, 上一步 … */
export function looksLikeFormAnswer(text: string, now: Date): boolean {
  const s = normalizeInput(text);
  if (!s || s.length > 20) return false;
  if ([BACK, SKIP, DONE, CONFIRM, EDIT].some((word) => word.test(s))) return true;
  return parseNumberText(s, false).ok || parseYesNo(s).ok || parseDate(s, now).ok;
}

/**
 * A form answer that arrives in a direct chat when no form is open (the form lapsed, was saved,
 * or was never started) is not a policy question: say that no form is open and name the form the
 * person most likely means. Returns whether it answered.
 */
export async function answerStrayFormReply(sender: ChatContext, text: string): Promise<boolean> {
  const ctx = asMember(sender);
  if (sender.msg.chatType !== 'direct' || !ctx || !looksLikeFormAnswer(text, ctx.now)) return false;
  await ctx.reply(t('stray.no_form', { text: clip(text), hint: lastFormHint(ctx) }));
  return true;
}

/** The form the person was last busy with: a set-aside or lapsed one, else their latest submission. */
function lastFormHint(ctx: MemberContext): string {
  const parked = ctx.conversations.parked(ctx)[0];
  if (parked) return t('stray.parked', { form: ctx.conversations.describe(parked, ctx.roster), how: parkedHow(parked) });
  const latest = ctx.store.view.submissions.latestBy(ctx.person.id);
  const task = latest && ctx.catalog.task(latest.taskId);
  if (!latest || !task) return t('stray.none');
  const command = latest.month === monthOf(ctx.now) ? `填报 ${task.short}` : `填报 ${task.short} ${latest.month}`;
  return t('stray.submitted', { task: task.short, month: monthLabel(latest.month), at: formatDayTime(new Date(latest.submittedAt)), command });
}

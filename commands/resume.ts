import type { MemberCommand } from '../src/core/chat-context';
import { parkedHow } from '../src/conversations/conversations';
import { sendDirect } from '../src/core/direct-message';
import { clip } from '../src/clip';
import { t } from '../src/prompts';

/** 继续填报: lists the forms set aside or lapsed in the last week, and reopens one where it stood. */
const resume: MemberCommand = {
  name: '继续填报',
  aliases: ['resume'],
  usage: t('commands.resume.usage'),
  summary: t('commands.resume.summary'),
  async run(ctx) {
    if (ctx.msg.chatType === 'group') await ctx.reply(t('form.group_note', { name: ctx.person.name, bot: ctx.roster.botName }));
    const parked = ctx.conversations.parked(ctx);
    const arg = ctx.args.trim();
    if (!parked.length) {
      // The form in progress is the one to go on with: say so, rather than "nothing to resume".
      if (await ctx.conversations.showOpen(ctx, (form) => t('resume.open_instead', { form }))) return;
      return sendDirect(ctx, t('resume.none'));
    }
    if (!arg && parked.length === 1) return ctx.conversations.resume(ctx, parked[0]!.id);
    if (arg) {
      const n = /^\d{1,3}$/.test(arg) ? Number(arg) : NaN;
      const chosen = parked[n - 1];
      if (chosen) return ctx.conversations.resume(ctx, chosen.id);
      await sendDirect(ctx, t('resume.bad_number', { arg: clip(arg), count: parked.length }));
    }
    await sendDirect(ctx, {
      card: {
        title: t('resume.title'),
        lines: [...parked.map((p, i) => t('resume.line', { n: i + 1, form: ctx.conversations.describe(p, ctx.roster), how: parkedHow(p) })), t('resume.hint')],
        buttons: parked.map((_, i) => ({ label: t('resume.button', { n: i + 1 }), value: `继续填报 ${i + 1}` })),
      },
    });
  },
};

export default resume;

import type { MemberCommand } from '../src/core/chat-context';
import { t } from '../src/prompts';
import { SUBMISSION_FLOW } from '../src/flows/submission-form';
import { resolveSubmitRequest } from '../src/flows/submit-request';

/** 填报: starts the monthly form in the person's direct chat. */
const submit: MemberCommand = {
  name: '填报',
  aliases: ['submit', '报送'],
  usage: t('commands.submit.usage'),
  summary: t('commands.submit.summary'),
  roles: ['reporter', 'head', 'admin'],
  async run(ctx) {
    const request = resolveSubmitRequest(ctx, ctx.args);
    if (!request.ok) {
      await ctx.reply(request.message);
      return;
    }
    if (ctx.msg.chatType === 'group') {
      await ctx.reply(t('form.group_note', { name: ctx.person.name, bot: ctx.roster.botName }));
    }
    await ctx.conversations.start(ctx, SUBMISSION_FLOW, { ...request.init });
  },
};

export default submit;

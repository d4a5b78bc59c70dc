import type { PublicCommand } from '../src/core/chat-context';
import { t } from '../src/prompts';

/** 问: a policy question as an explicit command, e.g. in a group without @-mentioning the bot. */
const ask: PublicCommand = {
  name: '问',
  aliases: ['ask'],
  usage: t('commands.ask.usage'),
  summary: t('commands.ask.summary'),
  public: true,
  async run(ctx) {
    if (!ctx.args.trim()) return ctx.reply(t('qa.empty_question'));
    await ctx.answerQuestion(ctx.args.trim());
  },
};

export default ask;

import type { PublicCommand } from '../src/core/command';
import { t } from '../src/prompts';

/** 问: a policy question as an explicit command, e.g. in a group without @-mentioning the bot. */
const ask: PublicCommand = {
  name: '问',
  aliases: ['ask'],
  usage: '问 问题',
  summary: '根据已加载的政策文件回答问题，并注明文件和条款，例如「问 双公示信息要在多少天内上传？」',
  public: true,
  async run(ctx) {
    if (!ctx.args.trim()) return ctx.reply(t('qa.empty_question'));
    await ctx.answerQuestion(ctx.args.trim());
  },
};

export default ask;

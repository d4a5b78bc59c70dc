import type { MemberCommand } from '../src/core/chat-context';
import { missingNumberReply, reviewPointsItem } from '../src/flows/points-review';
import { t } from '../src/prompts';

/** 同意 N: a section head confirms a points item reported by one of their staff. */
const approve: MemberCommand = {
  name: '同意',
  aliases: ['approve'],
  usage: t('commands.approve.usage'),
  summary: t('commands.approve.summary'),
  roles: ['head', 'admin'],
  private: true,
  async run(ctx) {
    const args = ctx.args.trim();
    const no = /^[#＃]?(\d+)$/.exec(args)?.[1];
    if (!no) return ctx.reply(missingNumberReply(ctx, t('commands.approve.example'), args || undefined));
    await reviewPointsItem(ctx, Number(no), 'approved', '');
  },
};

export default approve;

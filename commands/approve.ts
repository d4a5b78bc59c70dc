import type { MemberCommand } from '../src/core/command';
import { missingNumberReply, reviewPointsItem } from '../src/points/review';

/** 同意 N: a section head confirms a points item reported by one of their staff. */
const approve: MemberCommand = {
  name: '同意',
  aliases: ['approve'],
  usage: '同意 编号',
  summary: '核实通过本科室人员申报的机关信用积分，例如「同意 3」',
  roles: ['head', 'admin'],
  private: true,
  async run(ctx) {
    const args = ctx.args.trim();
    const no = /^[#＃]?(\d+)$/.exec(args)?.[1];
    if (!no) return ctx.reply(missingNumberReply(ctx, '同意 3', args || undefined));
    await reviewPointsItem(ctx, Number(no), 'approved', '');
  },
};

export default approve;

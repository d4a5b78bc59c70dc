import type { Command } from '../src/core/command';
import { sendDirect } from '../src/core/direct-message';
import { t } from '../src/prompts';
import { reviewPointsItem } from '../src/points/review';

/** 同意 N: a section head confirms a points item reported by one of their staff. */
const approve: Command = {
  name: '同意',
  aliases: ['approve'],
  usage: '同意 编号',
  summary: '核实通过本科室人员申报的机关信用积分，例如「同意 3」',
  roles: ['head', 'admin'],
  async run(ctx) {
    const no = Number(/^\d+$/.exec(ctx.args.trim())?.[0]);
    if (!no) return sendDirect(ctx, t('return.usage'));
    await reviewPointsItem(ctx, no, 'approved', '');
  },
};

export default approve;

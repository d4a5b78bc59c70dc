import path from 'node:path';
import { monthIn, readWords } from '../src/core/argument-words';
import type { MemberCommand } from '../src/core/chat-context';
import { t } from '../src/prompts';
import { exportLedger } from '../src/submissions/ledger-export';
import { monthLabel, monthOf } from '../src/tasks/period';

/** 导出: the month's ledger as an Excel workbook, sent to the coordinator as a file where the channel can. */
const exportCommand: MemberCommand = {
  name: '导出',
  aliases: ['export'],
  usage: t('commands.export.usage'),
  summary: t('commands.export.summary'),
  roles: ['admin'],
  // The ledger goes to the admin's direct chat, wherever they asked for it.
  private: true,
  async run(ctx) {
    const read = readWords(ctx.args.split(/\s+/).filter(Boolean), ['month'], ctx);
    if (!read.ok) return ctx.reply(read.message);
    const month = monthIn(read.words) ?? monthOf(ctx.now);
    const result = await exportLedger(ctx.store.view.submissions, ctx.roster, ctx.catalog, month, ctx.exportsDir);
    const caption = t('export.done', { month: monthLabel(month), tasks: result.taskCount, count: result.submissionCount });
    await ctx.reply({ file: { path: result.file, name: path.basename(result.file), caption } });
  },
};

export default exportCommand;

import { monthIn, readWords } from '../src/core/argument-words';
import type { MemberCommand } from '../src/core/command';
import { t } from '../src/prompts';
import { exportLedger } from '../src/submissions/ledger-export';
import { monthLabel, monthOf } from '../src/tasks/period';

/** 导出: the month's ledger as an Excel workbook for the coordinator. */
const exportCommand: MemberCommand = {
  name: '导出',
  aliases: ['export'],
  usage: '导出 [月份]',
  summary: '导出某月的工作台账（Excel，每个任务一张表，另有汇总表）',
  roles: ['admin'],
  // The ledger goes to the admin's direct chat, wherever they asked for it.
  private: true,
  async run(ctx) {
    const read = readWords(ctx.args.split(/\s+/).filter(Boolean), ['month'], ctx);
    if (!read.ok) return ctx.reply(read.message);
    const month = monthIn(read.words) ?? monthOf(ctx.now);
    const result = await exportLedger(ctx.store.data, ctx.roster, ctx.catalog, month, ctx.exportsDir);
    await ctx.reply(
      [
        t('export.done', { month: monthLabel(month), file: result.file, tasks: result.taskCount, count: result.submissionCount }),
        t('export.no_file_channel'),
      ].join('\n'),
    );
  },
};

export default exportCommand;

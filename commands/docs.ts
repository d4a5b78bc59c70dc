import { firstWordIs } from '../src/core/command';
import type { PublicCommand } from '../src/core/chat-context';
import { t } from '../src/prompts';

const isReload = firstWordIs('重新加载', 'reload');

/** 资料: the documents the bot answers from; 资料 重新加载 (admin) reads the folder again. */
const docs: PublicCommand = {
  name: '资料',
  aliases: ['docs'],
  usage: t('commands.docs.usage'),
  summary: t('commands.docs.summary'),
  public: true,
  restricted: [{ usage: t('commands.docs.reload_usage'), matches: isReload, roles: ['admin'] }],
  async run(ctx) {
    const knowledge = ctx.knowledge;
    if (isReload(ctx.args)) {
      await knowledge.reload();
      return ctx.reply(t('docs.reloaded', { count: knowledge.kb.documents.length, passages: knowledge.kb.passageCount }));
    }
    const lines = knowledge.kb.documents.map((d, i) =>
      t('docs.line', {
        n: i + 1,
        title: d.meta.title,
        number: d.meta.number ? `（${d.meta.number}）` : '',
        date: d.meta.date ? ` ${d.meta.date}` : '',
        file: d.file,
        passages: d.chunks.length,
      }),
    );
    await ctx.reply({
      card: {
        title: t('docs.title', { count: knowledge.kb.documents.length }),
        lines: [
          ...lines,
          ...knowledge.failures.map((f) => t('docs.failed', f)),
          knowledge.usesLlm ? t('docs.mode_llm') : t('docs.mode_extractive'),
          t('docs.hint', { bot: ctx.roster.botName }),
        ],
      },
    });
  },
};

export default docs;

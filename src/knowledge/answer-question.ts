import type { QuestionHandler } from '../core/bot';
import { t } from '../prompts';
import { answerAboutProcess } from '../tasks/process-answer';
import type { KnowledgeService } from './knowledge-service';

/**
 * A question addressed to the bot, answered in the chat it was asked in: a question about the
 * department's own process (this month's deadlines, days off, late reports) from tasks.yaml, with
 * the policy clause beside it when the documents have one; any other from the documents.
 */
export function answerFromDocuments(knowledge: KnowledgeService): QuestionHandler {
  return async (ctx, question) => {
    // "@王芳 双公示怎么报": the mention says whom it concerns, not what is asked.
    const asked = question.replace(/[@＠]\S+\s*/g, '').trim() || question;
    const process = answerAboutProcess(asked, ctx.catalog, ctx.now);
    const answer = await knowledge.answer(asked);
    if (!process) return ctx.reply(answer.answer);
    await ctx.reply(answer.refused ? process : [process, t('process.policy'), answer.answer].join('\n'));
  };
}

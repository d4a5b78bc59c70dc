import type { QuestionHandler } from '../core/bot';
import type { KnowledgeService } from './knowledge-service';

/** A question addressed to the bot, answered from the loaded documents in the chat it was asked in. */
export function answerFromDocuments(knowledge: KnowledgeService): QuestionHandler {
  return async (ctx, question) => {
    // "@王芳 双公示怎么报": the mention says whom it concerns, not what is asked.
    const asked = question.replace(/[@＠]\S+\s*/g, '').trim();
    const answer = await knowledge.answer(asked || question);
    await ctx.reply(answer.answer);
  };
}

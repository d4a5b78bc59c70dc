import { t } from '../prompts';
import type { QuestionHandler } from './bot';

/** What free text addressed to the bot gets when no answerer is installed. */
export const replyUnrecognized: QuestionHandler = (ctx, text) =>
  ctx.reply(t('chat.unrecognized', { text: text.length > 30 ? `${text.slice(0, 30)}…` : text }));

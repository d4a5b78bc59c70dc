import { describe, expect, it } from 'vitest';
import type { QuestionHandler } from '../../src/core/bot';
import { botHarness, textOf } from '../helpers/bot-harness';

/** A question handler that holds 王芳's questions until the test lets them go, as a slow language model would. */
function heldQuestions() {
  const waiting: Array<() => void> = [];
  const answerQuestion: QuestionHandler = async (ctx, question) => {
    if (ctx.person?.id === 'wang-fang') await new Promise<void>((release) => waiting.push(release));
    await ctx.reply(`答：${question}`);
  };
  return { answerQuestion, releaseNext: () => waiting.shift()!(), waiting };
}

describe('the order messages are handled in', () => {
  it('two people in one group do not wait for each other', async () => {
    const held = heldQuestions();
    const h = await botHarness({ answerQuestion: held.answerQuestion });

    const wang = h.bot.handle(h.message('wang-fang', '双公示多久要上传', { chat: 'group', mention: true }));
    const zhao = await h.say('zhao-lei', '赵磊的问题', { chat: 'group', mention: true });

    // 赵磊 has his answer while 王芳's question is still being worked on.
    expect(zhao.map(textOf)).toEqual(['答：赵磊的问题']);
    expect(held.waiting).toHaveLength(1);
    held.releaseNext();
    await wang;
    expect(h.sent.map(textOf)).toEqual(['答：双公示多久要上传']);
  });

  it('one person\'s messages keep their order', async () => {
    const held = heldQuestions();
    const h = await botHarness({ answerQuestion: held.answerQuestion });

    const first = h.bot.handle(h.message('wang-fang', '第一个问题', { chat: 'group', mention: true }));
    const second = h.bot.handle(h.message('wang-fang', '第二个问题', { chat: 'group', mention: true }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(held.waiting).toHaveLength(1); // the second waits behind the first
    held.releaseNext();
    await first;
    await new Promise((resolve) => setTimeout(resolve, 20));
    held.releaseNext();
    await second;

    expect(h.sent.map(textOf)).toEqual(['答：第一个问题', '答：第二个问题']);
  });
});

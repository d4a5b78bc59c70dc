import { expect } from 'vitest';
import { botHarness, textOf } from './bot-harness';

/**
 * Scenarios every platform's bot test plays the same way, so that each platform is held to what the
 * bot says anywhere.
 */

/** The text the bot answers `who`'s @-question in the group with on the default platform (simulate). */
export async function groupAnswerAnywhere(who: string, question: string, start: Date): Promise<string> {
  const [answer] = await (await botHarness({ start })).say(who, question, { chat: 'group', mention: true });
  return textOf(answer);
}

/**
 * 王芳 picks 双公示 (number 1 of the task picker) and answers its seven questions in her direct chat
 * (`say`: what she types, and the texts she gets back), each answer met by the next question;
 * 一百二十 and 两 are read as numbers.
 */
export async function answersTheSevenQuestions(say: (text: string) => Promise<unknown[]>): Promise<void> {
  expect(await say('1')).toEqual([expect.stringMatching(/^开始填报「“双公示”（行政许可）信息报送」.*\n（1\/7）本月作出的行政许可决定数/s)]);
  expect(await say('120')).toEqual([expect.stringMatching(/^（2\/7）已上传至市信用平台的条数/)]);
  expect(await say('一百二十')).toEqual([expect.stringMatching(/^（3\/7）/)]);
  expect(await say('118')).toEqual([expect.stringMatching(/^（4\/7）/)]);
  expect(await say('120')).toEqual([expect.stringMatching(/^（5\/7）/)]);
  expect(await say('2')).toEqual([expect.stringMatching(/^（6\/7）/)]);
  expect(await say('两')).toEqual([expect.stringMatching(/^（7\/7）.*（选填）/)]);
}

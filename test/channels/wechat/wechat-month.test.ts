import { describe, expect, it } from 'vitest';
import { the19thAfterCommerceSentEverything, theMonthRunAndRestarted } from '../../helpers/month-of-reminders';
import { wechatBots } from '../../helpers/wechat-harness';

/** The whole bot on the real WeChat channel and wechaty, with the mock puppet; stopped after each test. */
const bot = wechatBots();

describe('WeChat: a month of reminders (November 2026)', () => {
  it('the group reminder @-mentions by WeChat name exactly the reporters still owing who are in the room', async () => {
    const sent = await the19thAfterCommerceSentEverything(bot);

    const inGroup = sent.filter((m) => m.chat === 'group');
    expect(inGroup).toHaveLength(1);
    // 王芳 has sent everything in; 许文博, 陈思远 (思远 on WeChat) and 何静 owe and are in the room.
    const [, ats] = /^((?:@\S+[\u2005 ])+)【截止提醒】/.exec(inGroup[0]!.text!) ?? [];
    expect(ats?.trim().split(/[\u2005 ]/).sort()).toEqual(['@何静', '@思远', '@许文博']);
    expect(inGroup[0]!.text).not.toContain('王芳');
  });

  it('sends every reminder once, also when the bot restarts and runs the day\'s job again', async () => {
    // A restart during the group pass, with a fresh login.
    const { month, before, rerun, after } = await theMonthRunAndRestarted(bot);

    expect(rerun).toEqual([]);

    expect(month.map((m) => m.chat)).toEqual(expect.arrayContaining(['group', 'dm:wang-fang', 'dm:sun-haoran', 'dm:lin-xiaoyan']));
    expect(new Set(month.map((m) => JSON.stringify(m))).size).toBe(month.length);
    expect([...before, ...after]).toEqual(month);
  });
});

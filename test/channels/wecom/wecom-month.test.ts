import { describe, expect, it } from 'vitest';
import { the19thAfterCommerceSentEverything, theMonthRunAndRestarted } from '../../helpers/month-of-reminders';
import { mentionedUserIds, shownLines, wecomBots } from '../../helpers/wecom-harness';

const GROUP = 'wrkSampleCreditGroup';
/** The whole bot on the real WeCom channel and SDK, against a fake WeCom; stopped after each test. */
const bot = wecomBots();

/** What WeCom received, without the req_ids (fresh for every send). */
const withoutReqId = ({ reqId: _reqId, ...rest }: { reqId: string }) => rest;

describe('WeCom: a month of reminders (November 2026)', () => {
  it('the group reminder is pushed to the group and @-mentions exactly the reporters still owing, by userid', async () => {
    const sent = await the19thAfterCommerceSentEverything(bot);

    const inGroup = sent.filter((m) => m.chatid === GROUP);
    // Twelve tasks with their names run past 2,048 bytes: WeCom gets the reminder in two messages,
    // cut between lines, and only the first @-mentions.
    expect(inGroup.map((m) => m.body['msgtype'])).toEqual(['markdown', 'markdown']);
    for (const m of inGroup) expect(Buffer.byteLength((m.body['markdown'] as { content: string }).content.replace(/^(<@[^>]+>\s*)+/, ''))).toBeLessThanOrEqual(2048);
    // 王芳 has sent everything in; 许文博 and 陈思远 owe and have WeCom accounts (the others are named in the text only).
    expect(mentionedUserIds(inGroup[0]!).sort()).toEqual(['ChenSiYuan', 'XuWenBo']);
    expect(mentionedUserIds(inGroup[1]!)).toEqual([]);
    const shown = inGroup.flatMap((m) => shownLines(m));
    expect(shown[0]).toMatch(/^【截止提醒】/);
    expect(shown).toContain('「异议修复」截止 11月26日（周四）18:00：@何静（社会事务科） @刘洋（建设项目科） @许文博（体系建设科）');
    expect(shown.at(-1)).toBe('私聊信用助手发送「填报」即可开始。');
    expect(shown.join('\n')).not.toContain('王芳');
  });

  it('sends every reminder once, also when the bot restarts and runs the day\'s job again', async () => {
    // A restart during the group pass, on the same robot.
    const { month, before, rerun, after } = await theMonthRunAndRestarted(bot, (first) => ({ fake: first.fake }));

    expect(rerun).toEqual([]);

    expect(month.map((m) => m.chatid)).toEqual(expect.arrayContaining([GROUP, 'WangFang', 'SunHaoRan', 'LinXiaoYan']));
    expect(month.every((m) => m.cmd === 'aibot_send_msg')).toBe(true);
    // Task ids of the reminder cards are fresh on every run; everything else is the same, once.
    const comparable = (m: Parameters<typeof withoutReqId>[0] & { body: Record<string, unknown> }) => JSON.stringify(withoutReqId(m)).replace(/cr_\w+/g, 'cr_*');
    expect([...before, ...after].map(comparable)).toEqual(month.map(comparable));
  });
});

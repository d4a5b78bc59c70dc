import { describe, expect, it } from 'vitest';
import { loadTaskCatalog } from '../../../src/tasks/catalog';
import { addSubmission } from '../../../src/submissions/records';
import { mentionedUserIds, shownLines, wecomBots, type WecomHarness } from '../../helpers/wecom-harness';

const GROUP = 'wrkSampleCreditGroup';
/** The whole bot on the real WeCom channel and SDK, against a fake WeCom; stopped after each test. */
const bot = wecomBots();

/** 商事登记科 (王芳's section) has sent in everything November asks of it. */
async function commerceSubmitsEverything(h: WecomHarness): Promise<void> {
  const { store, roster, clock } = h.harness;
  const catalog = loadTaskCatalog('data/tasks.yaml', roster);
  await store.update((db) => {
    for (const task of catalog.tasksOwedBy('commerce')) {
      addSubmission(db, { month: '2026-11', taskId: task.id, sectionId: 'commerce', answers: {}, formVersion: catalog.formVersion(task), submittedBy: 'wang-fang', submittedAt: clock.now(), late: false });
    }
  });
}

/** What WeCom received, without the req_ids (fresh for every send). */
const withoutReqId = ({ reqId: _reqId, ...rest }: { reqId: string }) => rest;

describe('WeCom: a month of reminders (November 2026)', () => {
  it('the group reminder is pushed to the group and @-mentions exactly the reporters still owing, by userid', async () => {
    const h = await bot({ start: new Date('2026-11-16T08:00:00+08:00') });
    await h.advanceTo('2026-11-18T12:00:00+08:00');
    await commerceSubmitsEverything(h);

    const sent = await h.advanceTo('2026-11-19T12:00:00+08:00');

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
    const continuous = await bot({ start: new Date('2026-11-16T08:00:00+08:00') });
    const month = await continuous.advanceTo('2026-11-23T12:00:00+08:00');

    const first = await bot({ start: new Date('2026-11-16T08:00:00+08:00') });
    const before = await first.advanceTo('2026-11-19T10:00:00+08:00');
    await first.stop();
    // A restart at the very moment of the group pass, on the same store and the same robot.
    const restarted = await bot({ start: new Date('2026-11-19T10:00:00+08:00'), dataDir: first.harness.dataDir, fake: first.fake });
    expect(await restarted.advanceTo('2026-11-19T10:05:00+08:00')).toEqual([]);
    const after = await restarted.advanceTo('2026-11-23T12:00:00+08:00');

    expect(month.map((m) => m.chatid)).toEqual(expect.arrayContaining([GROUP, 'WangFang', 'SunHaoRan', 'LinXiaoYan']));
    expect(month.every((m) => m.cmd === 'aibot_send_msg')).toBe(true);
    // Task ids of the reminder cards are fresh on every run; everything else is the same, once.
    const comparable = (m: Parameters<typeof withoutReqId>[0] & { body: Record<string, unknown> }) => JSON.stringify(withoutReqId(m)).replace(/cr_\w+/g, 'cr_*');
    expect([...before, ...after].map(comparable)).toEqual(month.map(comparable));
  });
});

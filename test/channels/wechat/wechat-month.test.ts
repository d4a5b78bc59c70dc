import { describe, expect, it } from 'vitest';
import { loadTaskCatalog } from '../../../src/tasks/catalog';
import { addSubmission } from '../../../src/submissions/records';
import { wechatBots, type WechatHarness } from '../../helpers/wechat-harness';

/** The whole bot on the real WeChat channel and wechaty, with the mock puppet; stopped after each test. */
const bot = wechatBots();

/** 商事登记科 (王芳's section) has sent in everything November asks of it. */
async function commerceSubmitsEverything(h: WechatHarness): Promise<void> {
  const { store, roster, clock } = h.harness;
  const catalog = loadTaskCatalog('data/tasks.yaml', roster);
  await store.update((db) => {
    for (const task of catalog.tasksOwedBy('commerce')) {
      addSubmission(db, { month: '2026-11', taskId: task.id, sectionId: 'commerce', answers: {}, formVersion: catalog.formVersion(task), submittedBy: 'wang-fang', submittedAt: clock.now(), late: false });
    }
  });
}

describe('WeChat: a month of reminders (November 2026)', () => {
  it('the group reminder @-mentions by WeChat name exactly the reporters still owing who are in the room', async () => {
    const h = await bot({ start: new Date('2026-11-16T08:00:00+08:00') });
    await h.advanceTo('2026-11-18T12:00:00+08:00');
    await commerceSubmitsEverything(h);

    const sent = await h.advanceTo('2026-11-19T12:00:00+08:00');

    const inGroup = sent.filter((m) => m.chat === 'group');
    expect(inGroup).toHaveLength(1);
    // 王芳 has sent everything in; 许文博, 陈思远 (思远 on WeChat) and 何静 owe and are in the room.
    const [, ats] = /^((?:@\S+[\u2005 ])+)【截止提醒】/.exec(inGroup[0]!.text!) ?? [];
    expect(ats?.trim().split(/[\u2005 ]/).sort()).toEqual(['@何静', '@思远', '@许文博']);
    expect(inGroup[0]!.text).not.toContain('王芳');
  });

  it('sends every reminder once, also when the bot restarts and runs the day\'s job again', async () => {
    const continuous = await bot({ start: new Date('2026-11-16T08:00:00+08:00') });
    const month = await continuous.advanceTo('2026-11-23T12:00:00+08:00');

    const first = await bot({ start: new Date('2026-11-16T08:00:00+08:00') });
    const before = await first.advanceTo('2026-11-19T10:00:00+08:00');
    await first.stop();
    // A restart at the very moment of the group pass, on the same store (and a fresh login).
    const restarted = await bot({ start: new Date('2026-11-19T10:00:00+08:00'), dataDir: first.harness.dataDir });
    expect(await restarted.advanceTo('2026-11-19T10:05:00+08:00')).toEqual([]);
    const after = await restarted.advanceTo('2026-11-23T12:00:00+08:00');

    expect(month.map((m) => m.chat)).toEqual(expect.arrayContaining(['group', 'dm:wang-fang', 'dm:sun-haoran', 'dm:lin-xiaoyan']));
    expect(new Set(month.map((m) => JSON.stringify(m))).size).toBe(month.length);
    expect([...before, ...after]).toEqual(month);
  });
});

import { describe, expect, it } from 'vitest';
import type { SentMessage } from '../../helpers/fake-feishu';
import { atOpenIds, larkBots, shownLines, type CardJson } from '../../helpers/lark-harness';
import { commerceSubmitsEverything, the19thAfterCommerceSentEverything, theMonthRunAndRestarted } from '../../helpers/month-of-reminders';

const GROUP = 'oc_sample_credit_group';
/** The whole bot on the real Lark channel and SDK, against a fake Feishu; stopped after each test. */
const bot = larkBots();

const withoutUuid = ({ uuid: _uuid, authorization: _authorization, ...rest }: SentMessage) => rest;

describe('Lark: a month of reminders (November 2026)', () => {
  it('the group reminder @-mentions exactly the reporters still owing, by open_id', async () => {
    const sent = await the19thAfterCommerceSentEverything(bot);

    const inGroup = sent.filter((m) => m.receiveId === GROUP);
    expect(inGroup).toHaveLength(1);
    expect(inGroup[0]).toMatchObject({ receiveIdType: 'chat_id', msgType: 'text' });
    // 王芳 has sent everything in; 许文博 and 陈思远 owe and have Feishu accounts (the others are named in the text only).
    expect(atOpenIds(inGroup[0]!).sort()).toEqual(['ou_chen_siyuan', 'ou_xu_wenbo']);
    // The message opens with the @s and the reminder, not with the names of people Feishu cannot notify.
    expect((inGroup[0]!.content as { text: string }).text).toMatch(/^<at user_id="ou_\w+"><\/at> <at user_id="ou_\w+"><\/at> 【截止提醒】/);
    expect(shownLines(inGroup[0]!).join('\n')).not.toContain('王芳');
  });

  it('sends every reminder once, each with a uuid of at most 50 characters, also when the bot restarts and runs the day\'s job again', async () => {
    // The round of the 20th, 25th and 26th, and a restart during the group pass on the same Feishu app.
    const { month, before, rerun, after } = await theMonthRunAndRestarted(bot, (first) => ({ fake: first.fake }));

    expect(rerun).toEqual([]);

    expect(month.map((m) => m.receiveId)).toEqual(expect.arrayContaining([GROUP, 'ou_wang_fang', 'ou_sun_haoran', 'ou_lin_xiaoyan']));
    for (const m of month) expect(m.uuid, JSON.stringify(m)).toMatch(/^.{1,50}$/);
    expect(new Set(month.map((m) => m.uuid)).size).toBe(month.length);
    expect([...before, ...after].map(withoutUuid)).toEqual(month.map(withoutUuid));
  });
});

describe('Lark: the ranking notice', () => {
  it('排名 发布 then 确认发布 by an admin posts the notice to the group as a card JSON 2.0 with its table', async () => {
    // Running since before the month's first deadline, so the month can be ranked.
    const h = await bot({ start: new Date('2026-11-19T18:00:00+08:00') });
    await commerceSubmitsEverything(h);
    await h.advanceTo('2026-11-27T11:00:00+08:00');

    const shown = await h.dm('许文博', '排名 发布 11月');
    expect(shown.every((m) => m.receiveId === 'ou_xu_wenbo')).toBe(true);
    expect(shown.map((m) => shownLines(m)[0])).toEqual(expect.arrayContaining([expect.stringContaining('确认发布')]));
    const posted = await h.dm('许文博', '确认发布');

    const notice = posted.find((m) => m.receiveId === GROUP)!;
    expect(notice).toMatchObject({ receiveIdType: 'chat_id', msgType: 'interactive', uuid: expect.stringMatching(/^.{1,50}$/) });
    const card = notice.content as CardJson;
    expect(card.schema).toBe('2.0');
    expect(card.header.title.content).toBe('关于2026年11月份信用监测任务完成情况的通报');
    const table = card.body.elements.find((e) => e.tag === 'table');
    expect(table).toMatchObject({ page_size: 10 });
    if (table?.tag !== 'table') throw new Error('no table in the notice');
    expect(table.columns.map((c) => c.display_name)).toEqual(['排名', '科室', '得分', '按时/逾期/未报']);
    expect(table.rows).toHaveLength(8);
    expect(table.rows[0]).toEqual({ c0: '1', c1: '商事登记项目审批服务科', c2: '100.0', c3: expect.stringMatching(/^\d+\/0\/0$/) });
  });
});

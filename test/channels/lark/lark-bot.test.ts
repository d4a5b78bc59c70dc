import { describe, expect, it } from 'vitest';
import { t } from '../../../src/prompts';
import { answersTheSevenQuestions, groupAnswerAnywhere } from '../../helpers/on-every-channel';
import { larkBots, shownLines } from '../../helpers/lark-harness';

const GROUP = 'oc_sample_credit_group';
/** The whole bot on the real Lark channel and SDK, against a fake Feishu; stopped after each test. */
const bot = larkBots();

const texts = (sent: Array<Parameters<typeof shownLines>[0]>) => sent.map((m) => shownLines(m).join('\n'));

describe('Lark: a question in the group', () => {
  it('王芳 @-asks 双公示多久上报: the answer comes in the group, @-mentioning her', async () => {
    const h = await bot({ start: new Date('2026-11-24T02:00:00Z') });

    const sent = await h.group('王芳', '@信用助手 双公示多久上报');

    // The same answer as on any channel, addressed to her as Feishu shows a mention.
    const answer = await groupAnswerAnywhere('wang-fang', '双公示多久上报', new Date('2026-11-24T02:00:00Z'));
    expect(sent).toEqual([expect.objectContaining({ receiveIdType: 'chat_id', receiveId: GROUP, msgType: 'text' })]);
    expect(sent[0]!.content).toEqual({ text: `<at user_id="ou_wang_fang"></at> ${answer}` });
    expect(answer).toMatch(/^根据《[^》]+》/);
  });

  it('王芳 @-mentions 周敏, not the bot, with a question: the bot stays out of it', async () => {
    const h = await bot({ start: new Date('2026-11-24T02:00:00Z') });

    expect(await h.group('王芳', '@周敏 双公示多久上报')).toEqual([]);
    expect(await h.group('王芳', '双公示多久上报')).toEqual([]);
  });
});

describe('Lark: the 双公示 form in the direct chat', () => {
  it('王芳 fills it in by typing (the buttons answered by number), confirms, and the submission is saved', async () => {
    const h = await bot({ start: new Date('2026-11-24T02:00:00Z') });
    const say = async (text: string) => {
      const sent = await h.dm('王芳', text);
      // Everything of her form goes to her, by open_id.
      expect(sent.map((m) => `${m.receiveIdType}:${m.receiveId}`)).toEqual(sent.map(() => 'open_id:ou_wang_fang'));
      return texts(sent);
    };

    const [picker] = await say('填报');
    expect(picker).toMatch(/^选择要填报的任务.*\n1\. 双公示 — 截止 11月26日 18:00 · 未报 ❌\n/s);
    await answersTheSevenQuestions(say);
    const [summary] = await say('跳过');
    expect(summary).toMatch(/^请核对：“双公示”（行政许可）信息报送\n/);
    expect(summary).toContain('及时率：98.3% ⚠️ 未达目标：历城方案≥100.0%');
    expect(summary).toContain('[确认提交]');
    expect(await say('确认')).toEqual(['✅ 已提交「双公示」2026年11月（商事登记项目审批服务科），按时提交（截止 11月26日 18:00）。']);

    expect(h.harness.state().submissions).toMatchObject([
      { month: '2026-11', taskId: 'double_publicity', sectionId: 'commerce', submittedBy: 'wang-fang', late: false, answers: expect.objectContaining({}) },
    ]);
  });
});

describe('Lark: redelivered events', () => {
  it('an answer Feishu delivers twice is taken once, also by the bot restarted on the same store', async () => {
    const first = await bot({ start: new Date('2026-11-24T02:00:00Z') });
    await first.dm('王芳', '填报 双公示');
    expect(texts(await first.dm('王芳', '120', { id: 'om_answer_120' }))).toEqual([expect.stringMatching(/^（2\/7）/)]);

    expect(await first.dm('王芳', '120', { id: 'om_answer_120' })).toEqual([]);
    await first.stop();
    const restarted = await bot({ start: new Date('2026-11-24T02:05:00Z'), dataDir: first.harness.dataDir, fake: first.fake });
    expect(await restarted.dm('王芳', '120', { id: 'om_answer_120' })).toEqual([]);

    // The form is still at its second question: the redeliveries moved nothing on.
    expect(texts(await restarted.dm('王芳', '120'))).toEqual([expect.stringMatching(/^（3\/7）/)]);
  });
});

describe('Lark: a dropped long connection', () => {
  it('reconnects by itself; what comes after is answered once, a redelivery and an old backlog are not acted on', async () => {
    const h = await bot({ start: new Date('2026-11-24T02:00:00Z') });
    await h.dm('王芳', '填报 双公示', { id: 'om_start' });

    await h.fake.dropConnection();

    // Feishu redelivers what it is unsure was acked, and a backlog typed long before.
    expect(await h.dm('王芳', '填报 双公示', { id: 'om_start' })).toEqual([]);
    const typedBefore = new Date(h.harness.clock.now().getTime() - 15 * 60_000);
    expect(texts(await h.dm('王芳', '99', { typedAt: typedBefore }))).toEqual([t('stale.not_acted_on', { at: '11月24日 09:45', text: '99' })]);
    expect(texts(await h.dm('王芳', '120'))).toEqual([expect.stringMatching(/^（2\/7）/)]);
    expect(h.fake.sent).toHaveLength(3);
    const said = h.channelLog.lines().map((l) => l['msg']);
    expect(said).toEqual(expect.arrayContaining(['lark: long connection lost, reconnecting', 'lark: long connection reconnected']));
  });
});

describe('Lark: rate limits', () => {
  it.each([
    ['HTTP 429, the app over its limit (99991400)', { status: 429, code: 99991400, msg: 'request trigger frequency limit' }],
    ['the chat over its limit (230020)', { status: 400, code: 230020, msg: 'this chat is sending too fast' }],
  ])('a reply refused with %s is sent again after x-ogw-ratelimit-reset, and arrives once', async (_, refusal) => {
    const h = await bot({ start: new Date('2026-11-24T02:00:00Z') });
    h.fake.failNextSend({ ...refusal, headers: { 'x-ogw-ratelimit-reset': '3' } });

    const sent = await h.group('王芳', '@信用助手 你好');

    expect(sent).toEqual([expect.objectContaining({ receiveId: GROUP, msgType: 'text' })]);
    expect(h.timer.sleeps).toEqual([3000]);
  });
});

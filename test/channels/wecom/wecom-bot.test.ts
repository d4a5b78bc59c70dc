import { describe, expect, it } from 'vitest';
import { answersTheSevenQuestions, groupAnswerAnywhere } from '../../helpers/on-every-channel';
import { t } from '../../../src/prompts';
import { CARD_BUTTONS_LINE, shownLines, wecomBots } from '../../helpers/wecom-harness';

const GROUP = 'wrkSampleCreditGroup';
/** The whole bot on the real WeCom channel and SDK, against a fake WeCom; stopped after each test. */
const bot = wecomBots();

const texts = (sent: Array<Parameters<typeof shownLines>[0]>) => sent.map((m) => shownLines(m).join('\n'));

describe('WeCom: a question in the group', () => {
  it('王芳 @-asks 双公示多久上报: the answer comes in the group as markdown, @-mentioning her', async () => {
    const h = await bot({ start: new Date('2026-11-24T02:00:00Z') });

    const sent = await h.group('王芳', '@信用助手 双公示多久上报');

    const answer = await groupAnswerAnywhere('wang-fang', '双公示多久上报', new Date('2026-11-24T02:00:00Z'));
    expect(sent).toEqual([{ cmd: 'aibot_send_msg', chatid: GROUP, reqId: expect.any(String), body: { msgtype: 'markdown', markdown: { content: `<@WangFang> ${answer}` } } }]);
    expect(answer).toMatch(/^根据《[^》]+》/);
  });
});

describe('WeCom: the 双公示 form in the direct chat', () => {
  it('王芳 fills it in by typing, confirms, and the submission is saved', async () => {
    const h = await bot({ start: new Date('2026-11-24T02:00:00Z') });
    const say = async (text: string) => {
      const sent = await h.dm('王芳', text);
      // Everything of her form goes to her direct chat, named by her userid.
      expect(sent.map((m) => `${m.cmd}:${m.chatid}`)).toEqual(sent.map(() => 'aibot_send_msg:WangFang'));
      return texts(sent);
    };

    const [picker] = await say('填报');
    // Ten tasks are more buttons than a WeCom card holds: a markdown list answered by number.
    expect(picker).toMatch(/^【选择要填报的任务.*\n1\. 双公示 — 截止 11月26日 18:00 · 未报 ❌\n.*\n回复序号：1\. 双公示/s);
    await answersTheSevenQuestions(say);
    // The summary is too long for a card: its text as markdown, then a card with its buttons.
    const [summary, buttons] = await say('跳过');
    expect(summary).toMatch(/^【请核对：“双公示”（行政许可）信息报送】\n/);
    expect(summary).toContain('及时率：98.3% ⚠️ 未达目标：历城方案≥100.0%');
    expect(buttons).toBe(`请核对：“双公示”（行政许可）信息报送\n${CARD_BUTTONS_LINE}\n[确认提交]\n[返回修改]\n[取消]`);
    expect(await say('确认')).toEqual(['✅ 已提交「双公示」2026年11月（商事登记项目审批服务科），按时提交（截止 11月26日 18:00）。']);

    expect(h.harness.state().submissions).toMatchObject([{ month: '2026-11', taskId: 'double_publicity', sectionId: 'commerce', submittedBy: 'wang-fang', late: false }]);
  });
});

describe('WeCom: pressing a button card', () => {
  it('王芳 presses 确认提交: WeCom gets the card updated (same task_id, no buttons, what was chosen), and the form is saved', async () => {
    const h = await bot({ start: new Date('2026-11-24T02:00:00Z') });
    await h.dm('王芳', '填报 双公示');
    for (const answer of ['120', '120', '118', '120', '2', '2']) await h.dm('王芳', answer);
    const [, card] = await h.dm('王芳', '跳过');
    const taskId = (card!.body['template_card'] as { task_id: string }).task_id;
    expect(card!.body['template_card']).toMatchObject({ card_type: 'button_interaction', task_id: taskId });

    const sent = await h.press('王芳', card!, '确认提交');

    const [update, ...replies] = sent;
    // The update answers the press itself (its req_id), within WeCom's 5 s.
    expect(update).toMatchObject({ cmd: 'aibot_respond_update_msg', body: { response_type: 'update_template_card', template_card: { card_type: 'text_notice', task_id: taskId } } });
    expect(shownLines(update!).join('\n')).toBe(`请核对：“双公示”（行政许可）信息报送\n${t('card.chosen', { label: '确认提交' })}`);
    expect(texts(replies)).toEqual([expect.stringMatching(/^✅ 已提交「双公示」2026年11月/)]);
    expect(h.harness.state().submissions).toHaveLength(1);
  });

  it('a second press of the same card is told the card has been answered, and saves nothing again', async () => {
    const h = await bot({ start: new Date('2026-11-24T02:00:00Z') });
    await h.dm('王芳', '填报 双公示');
    for (const answer of ['120', '120', '118', '120', '2', '2']) await h.dm('王芳', answer);
    const [, card] = await h.dm('王芳', '跳过');
    await h.press('王芳', card!, '确认提交');

    const again = await h.press('王芳', card!, '确认提交');

    expect(texts(again)).toContain(t('card.expired'));
    expect(h.harness.state().submissions).toHaveLength(1);
  });

  it('a press the bot gets to after WeCom\'s 5 s: the card stays as it was (logged), and the reply still says what was done', async () => {
    const h = await bot({ start: new Date('2026-11-24T02:00:00Z'), answerWindowMs: 0 });
    await h.dm('王芳', '填报 双公示');
    for (const answer of ['120', '120', '118', '120', '2', '2']) await h.dm('王芳', answer);
    const [, card] = await h.dm('王芳', '跳过');

    const sent = await h.press('王芳', card!, '确认提交');

    expect(sent.map((m) => m.cmd)).toEqual(['aibot_send_msg']);
    expect(texts(sent)).toEqual([expect.stringMatching(/^✅ 已提交「双公示」2026年11月/)]);
    expect(h.channelLog.lines().map((l) => l['msg'])).toContain('wecom: a card can only be changed within 5 s of its press; it stays as it was');
  });
});

describe('WeCom: redelivered messages', () => {
  it('an answer WeCom delivers twice (the same msgid) is taken once, also by the bot restarted on the same store', async () => {
    const first = await bot({ start: new Date('2026-11-24T02:00:00Z') });
    await first.dm('王芳', '填报 双公示');
    expect(texts(await first.dm('王芳', '120', { id: 'msg_answer_120' }))).toEqual([expect.stringMatching(/^（2\/7）/)]);

    expect(await first.dm('王芳', '120', { id: 'msg_answer_120' })).toEqual([]);
    await first.stop();
    const restarted = await bot({ start: new Date('2026-11-24T02:05:00Z'), dataDir: first.harness.dataDir, fake: first.fake });
    expect(await restarted.dm('王芳', '120', { id: 'msg_answer_120' })).toEqual([]);

    expect(texts(await restarted.dm('王芳', '120'))).toEqual([expect.stringMatching(/^（3\/7）/)]);
  });
});

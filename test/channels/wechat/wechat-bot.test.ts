import { describe, expect, it } from 'vitest';
import { answersTheSevenQuestions, groupAnswerAnywhere } from '../../helpers/on-every-channel';
import { watchEvents } from '../../helpers/platform-bot';
import { wechatBots } from '../../helpers/wechat-harness';

/** The whole bot on the real WeChat channel and wechaty, with the mock puppet; stopped after each test. */
const bot = wechatBots();

describe('WeChat: a question in the group', () => {
  it('王芳 @-asks 双公示多久上报: the answer comes in the group, @-mentioning her by name', async () => {
    const h = await bot({ start: new Date('2026-11-24T02:00:00Z') });

    const sent = await h.group('王芳', '@信用助手 双公示多久上报');

    // The same answer as on any channel, with her name written in front as WeChat shows a mention.
    const answer = await groupAnswerAnywhere('wang-fang', '双公示多久上报', new Date('2026-11-24T02:00:00Z'));
    expect(answer).toMatch(/^根据《[^》]+》/);
    expect(sent).toEqual([{ chat: 'group', text: `@王芳 ${answer}` }]);
  });

  it('an @-mention the puppet did not list (a full-width ＠) still reaches the bot; its bare name does not', async () => {
    const h = await bot({ start: new Date('2026-11-24T02:00:00Z') });

    expect(await h.group('王芳', '信用助手 你好')).toEqual([]);
    const answered = await h.group('王芳', '＠信用助手\u2005你好');

    expect(answered).toEqual([{ chat: 'group', text: expect.stringMatching(/^@王芳 /) }]);
  });

  it('王芳 @-mentions 周敏, not the bot, with a question: the bot stays out of it', async () => {
    const h = await bot({ start: new Date('2026-11-24T02:00:00Z') });

    expect(await h.group('王芳', '@周敏 双公示多久上报')).toEqual([]);
    expect(await h.group('王芳', '双公示多久上报')).toEqual([]);
  });
});

describe('WeChat: the 双公示 form in the direct chat', () => {
  it('王芳 fills it in by typing, the card\'s buttons answered by number, confirms, and the submission is saved', async () => {
    const h = await bot({ start: new Date('2026-11-24T02:00:00Z') });
    const say = async (text: string) => {
      const sent = await h.dm('王芳', text);
      // Everything of her form goes to her direct chat.
      expect(sent.map((m) => m.chat)).toEqual(sent.map(() => 'dm:wang-fang'));
      return sent.map((m) => m.text);
    };

    // The task picker, a card elsewhere, is text with numbered replies.
    const [picker] = await say('填报');
    expect(picker).toMatch(/^【选择要填报的任务（2026年11月 · 商事登记项目审批服务科）】\n1\. 双公示 — 截止 11月26日 18:00 · 未报 ❌\n/s);
    await answersTheSevenQuestions(say);
    const [summary] = await say('跳过');
    expect(summary).toMatch(/^【请核对：“双公示”（行政许可）信息报送】\n/);
    expect(summary).toContain('及时率：98.3% ⚠️ 未达目标：历城方案≥100.0%');
    const confirm = /回复序号：(?:.*\s)?(\d+)\. 确认提交/.exec(summary!);
    expect(confirm).not.toBeNull();

    // Her reply is the number of the button 「确认提交」.
    expect(await say(confirm![1]!)).toEqual(['✅ 已提交「双公示」2026年11月（商事登记项目审批服务科），按时提交（截止 11月26日 18:00）。']);
    expect(h.harness.state().submissions).toMatchObject([{ month: '2026-11', taskId: 'double_publicity', sectionId: 'commerce', submittedBy: 'wang-fang', late: false }]);
  });
});

describe('WeChat: the bot\'s own messages', () => {
  it('its echo, and anything typed from its own account, are never handled', async () => {
    const h = await bot({ start: new Date('2026-11-24T02:00:00Z') });
    const handled: string[] = [];
    watchEvents(h.harness.bot, (event) => handled.push(event.messageId));

    // From the bot's phone, someone types a command in the group: WeChat reports it as the bot's own message.
    h.botUser.say('@信用助手 进度').to(h.room);
    const sent = await h.group('王芳', '@信用助手 你好', { id: 'wx-hello' });

    // 王芳's message is the only one handled: not the typed command, not the bot's answer coming back.
    expect(handled).toEqual(['wx-hello']);
    expect(sent).toEqual([{ chat: 'group', text: expect.stringMatching(/^@王芳 /) }]);
    // In the room: what was typed on the bot's phone, and the answer to 王芳 — no progress report.
    expect(h.sent).toEqual([{ chat: 'group', text: '@信用助手 进度' }, ...sent]);
  });
});

describe('WeChat: redelivered messages', () => {
  it('an answer WeChat delivers twice is taken once', async () => {
    const h = await bot({ start: new Date('2026-11-24T02:00:00Z') });
    await h.dm('王芳', '填报 双公示');
    expect((await h.dm('王芳', '120', { id: 'wx-answer-120' })).map((m) => m.text)).toEqual([expect.stringMatching(/^（2\/7）/)]);

    expect(await h.dm('王芳', '120', { id: 'wx-answer-120' })).toEqual([]);
    expect((await h.dm('王芳', '120')).map((m) => m.text)).toEqual([expect.stringMatching(/^（3\/7）/)]);
  });
});

describe('WeChat: 导出 sends the workbook as a file', () => {
  it('林晓燕 asks in the group; the caption and the .xlsx arrive in her direct chat', async () => {
    const h = await bot({ start: new Date('2026-11-24T02:00:00Z') });

    const sent = await h.group('林晓燕', '@信用助手 导出');

    const direct = sent.filter((m) => m.chat === 'dm:lin-xiaoyan');
    expect(direct).toEqual([
      { chat: 'dm:lin-xiaoyan', text: expect.stringMatching(/^已导出2026年11月工作台账/) },
      { chat: 'dm:lin-xiaoyan', file: expect.stringMatching(/2026-11.*\.xlsx$/) },
    ]);
    // The group hears only that it went to her privately.
    expect(sent.filter((m) => m.chat === 'group').every((m) => m.file === undefined)).toBe(true);
  });
});

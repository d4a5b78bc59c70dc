import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { t } from '../../../src/prompts';
import { shownLines, wecomBots } from '../../helpers/wecom-harness';

const wecomBot = wecomBots();
/** The whole bot on the real WeCom channel and SDK, against a fake WeCom, from `start`. */
const bot = (start = '2026-11-24T02:00:00Z') => wecomBot({ start: new Date(start) });

describe('WeCom: 导出 sends the workbook as a file', () => {
  it('林晓燕 asks in the group; the workbook is uploaded and arrives in her direct chat after its caption', async () => {
    const h = await bot();

    const sent = await h.group('林晓燕', '@信用助手 导出');

    const direct = sent.filter((m) => m.chatid === 'LinXiaoYan');
    expect(direct.map((m) => m.body['msgtype'])).toEqual(['markdown', 'file']);
    expect(shownLines(direct[0]!).join('\n')).toMatch(/^已导出2026年11月工作台账/);
    const [file] = h.fake.files;
    expect(direct[1]!.body).toEqual({ msgtype: 'file', file: { media_id: file!.mediaId } });
    expect(file).toMatchObject({ type: 'file', filename: expect.stringMatching(/2026-11.*\.xlsx$/) });
    // What WeCom received (in 512 KB chunks, base64) is the real workbook.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file!.bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.length).toBeGreaterThan(1);
    // Nothing of it goes to the group.
    expect(sent.filter((m) => m.chatid === 'wrkSampleCreditGroup').every((m) => m.body['msgtype'] === 'markdown')).toBe(true);
  });
});

describe('WeCom: opening the direct chat', () => {
  it('王芳 opens it (enter_chat) twice: one welcome, sent as the answer to the event within its 5 s', async () => {
    const h = await bot();

    const first = await h.openedDirectChat('王芳');
    const again = await h.openedDirectChat('王芳');

    expect(first).toEqual([{ cmd: 'aibot_respond_welcome_msg', reqId: expect.stringMatching(/^aibot_event_callback/), body: { msgtype: 'text', text: { content: t('welcome.direct', { bot: '信用助手', name: '王芳' }) } } }]);
    expect(again).toEqual([]);
  });

  it('王芳 opens it the next day (WeCom says so daily): no welcome, and what she then types is answered as usual', async () => {
    const h = await bot();
    await h.openedDirectChat('王芳');
    await h.advanceTo('2026-11-25T01:00:00Z');

    expect(await h.openedDirectChat('王芳')).toEqual([]);
    const answer = await h.dm('王芳', '我是谁');

    expect(answer.map((m) => [m.cmd, m.body['msgtype']])).toEqual([['aibot_send_msg', 'markdown']]);
  });
});

describe('WeCom: what the bot cannot read', () => {
  it('an image in the direct chat gets a short note asking for words', async () => {
    const h = await bot();

    // Nothing of it reaches the core: the channel answers by itself.
    await h.fake.pushMessage({ msgid: 'msg_image_1', aibotid: h.fake.botId, chattype: 'single', from: { userid: 'WangFang' }, msgtype: 'image', image: { url: 'https://example.invalid/x', aeskey: 'k' } });

    await expect.poll(() => h.fake.sent.map((m) => shownLines(m).join('\n'))).toEqual([t('wecom.non_text')]);
    expect(h.fake.sent[0]!.chatid).toBe('WangFang');
  });

  it('a voice message is read as WeCom transcribed it', async () => {
    const h = await bot();

    const sent = await h.pushMessage({ msgid: 'msg_voice_1', aibotid: h.fake.botId, chattype: 'single', from: { userid: 'WangFang' }, create_time: Math.floor(h.harness.clock.now().getTime() / 1000), msgtype: 'voice', voice: { content: '我是谁' } });

    expect(shownLines(sent[0]!).join('\n')).toContain('王芳');
  });
});

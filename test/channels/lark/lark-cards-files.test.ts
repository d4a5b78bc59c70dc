import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { t } from '../../../src/prompts';
import { larkBots, shownLines, type CardJson } from '../../helpers/lark-harness';

const larkBot = larkBots();
/** The whole bot on the real Lark channel and SDK, against a fake Feishu, from `start`. */
const bot = (start = '2026-11-24T02:00:00Z') => larkBot({ start: new Date(start) });

const buttons = (card: CardJson) => card.body.elements.flatMap((e) => (e.tag === 'button' ? [e.text.content] : []));

describe('Lark: pressing a card', () => {
  it('王芳 presses 双公示 on the task picker: Feishu shows the card as chosen at once, and the form starts', async () => {
    const h = await bot();
    const [picker] = await h.dm('王芳', '填报');
    expect(picker!.msgType).toBe('interactive');
    const label = buttons(picker!.content as CardJson).find((b) => b.includes('双公示'))!;

    const { ack, sent } = await h.press('王芳', picker!, label);

    // The press is answered in-band: a toast, and the card without its buttons, saying what was chosen.
    const answered = (ack.data as { toast: unknown; card: { type: string; data: CardJson } }).card.data;
    expect(ack.data).toMatchObject({ toast: { type: 'success', content: t('lark.press_done') }, card: { type: 'raw' } });
    expect(buttons(answered)).toEqual([]);
    expect(shownLines({ ...picker!, content: answered }).join('\n')).toContain(label);
    expect(h.fake.updates).toEqual([]);
    expect(sent.map((m) => shownLines(m).join('\n'))).toEqual([expect.stringMatching(/^开始填报「“双公示”（行政许可）信息报送」.*（1\/7）/s)]);
    expect(sent[0]).toMatchObject({ receiveIdType: 'open_id', receiveId: 'ou_wang_fang' });
  });

  it('a second press of the same card is told the card has been answered, and changes nothing', async () => {
    const h = await bot();
    const [picker] = await h.dm('王芳', '填报');
    const label = buttons(picker!.content as CardJson)[0]!;
    await h.press('王芳', picker!, label);

    const { sent } = await h.press('王芳', picker!, label);

    expect(sent.map((m) => shownLines(m)[0])).toContain(t('card.expired'));
  });
});

describe('Lark: 导出 sends the workbook as a file', () => {
  it('林晓燕 asks in the group; the workbook arrives in her direct chat as an .xlsx file after its caption', async () => {
    const h = await bot();

    const sent = await h.group('林晓燕', '@信用助手 导出');

    const direct = sent.filter((m) => m.receiveIdType === 'open_id');
    expect(direct.map((m) => m.msgType)).toEqual(['text', 'file']);
    expect(direct.every((m) => m.receiveId === 'ou_lin_xiaoyan')).toBe(true);
    expect(shownLines(direct[0]!).join('\n')).toMatch(/^已导出2026年11月工作台账/);
    const [file] = h.fake.files;
    expect(direct[1]!.content).toEqual({ file_key: file!.fileKey });
    expect(file).toMatchObject({ fileType: 'xls', fileName: expect.stringMatching(/2026-11.*\.xlsx$/) });
    // What Feishu received is the real workbook.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file!.bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.length).toBeGreaterThan(1);
    // Nothing of it goes to the group.
    expect(sent.filter((m) => m.receiveIdType === 'chat_id').every((m) => m.msgType === 'text')).toBe(true);
  });
});

describe('Lark: arriving in a chat', () => {
  it('added to a group org.yaml does not list: the group is greeted, and the admins with Feishu get its chat id', async () => {
    const h = await bot();

    const { sent } = await h.addedToGroup('林晓燕', 'oc_weekly_group', '信用周报群');

    expect(sent[0]).toMatchObject({ receiveIdType: 'chat_id', receiveId: 'oc_weekly_group' });
    const admins = sent.filter((m) => m.receiveIdType === 'open_id');
    expect(admins.map((m) => m.receiveId).sort()).toEqual(['ou_lin_xiaoyan', 'ou_xu_wenbo']);
    expect(shownLines(admins[0]!).join('\n')).toContain('identities: { lark: { chat_id: oc_weekly_group } }');
  });

  it('王芳 opens the direct chat twice: one welcome', async () => {
    const h = await bot();

    const first = await h.openedDirectChat('王芳');
    const again = await h.openedDirectChat('王芳');

    expect(first.sent).toMatchObject([{ receiveIdType: 'open_id', receiveId: 'ou_wang_fang', msgType: 'text' }]);
    expect(shownLines(first.sent[0]!).join('\n')).toBe(t('welcome.direct', { bot: '信用助手', name: '王芳' }));
    expect(again.sent).toEqual([]);
  });
});

describe('Lark: the bot removed from the group (230002)', () => {
  it('the reply fails once, and the admins are told in their direct chats, once', async () => {
    const h = await bot('2026-12-01T02:30:00Z');
    h.fake.failNextSend({ status: 400, code: 230002, msg: 'Bot is not in the chat' });
    h.fake.failNextSend({ status: 400, code: 230002, msg: 'Bot is not in the chat' });

    expect(await h.group('王芳', '@信用助手 帮助')).toEqual([]);
    const later = await h.advanceTo('2026-12-01T02:40:00Z');

    const notices = later.filter((m) => shownLines(m)[0] === '⚠️ 有一条消息没能送达群「信用体系建设工作群」');
    expect(notices.map((m) => m.receiveId).sort()).toEqual(['ou_lin_xiaoyan', 'ou_xu_wenbo']);
    expect(shownLines(notices[0]!).join('\n')).toContain('230002');
    expect(await h.advanceTo('2026-12-01T03:40:00Z')).not.toContainEqual(expect.objectContaining({ receiveId: 'ou_lin_xiaoyan' }));
  });
});

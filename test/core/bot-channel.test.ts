import { describe, expect, it } from 'vitest';
import { typedPress } from '../../src/channels/typed-incoming';
import type { Outgoing } from '../../src/model/message';
import { renderText } from '../../src/core/render-text';
import { botHarness } from '../helpers/bot-harness';
import { FakeChannel } from '../helpers/fake-channel';

const larkLike = () => new FakeChannel({ name: 'lark-like', canUpdate: true });
const wechatLike = () => new FakeChannel({ name: 'wechat-like', capabilities: { cards: false, files: false, mentions: 'name' } });

async function harness(channel: FakeChannel) {
  const h = await botHarness({ channel });
  const chat = (from: string, text: string) => h.say(from, text, { channel: channel.name });
  const press = async (from: string, card: Outgoing, value: string): Promise<Outgoing[]> => {
    const action = typedPress(
      { channel: channel.name, senderId: from, personId: from, chat: { kind: 'direct' }, messageId: `press-${Math.random()}`, time: h.clock.now() },
      { cardMessageId: channel.messageIds.get(card)!, value },
    );
    await h.bot.handle(action);
    return h.sent.splice(0);
  };
  return { ...h, chat, press };
}

const texts = (out: Outgoing[]) => out.map((o) => renderText(o.content)).join('\n');

describe('the bot on a channel with cards and edits (Lark-like)', () => {
  it('takes a press of the card’s button, shows the choice on the card, and calls a second press expired', async () => {
    const channel = larkLike();
    const h = await harness(channel);
    const [picker] = await h.chat('wang-fang', '填报');
    expect('card' in picker!.content && picker!.content.card.buttons?.[0]).toEqual({ label: '双公示', value: '双公示' });

    const started = await h.press('wang-fang', picker!, '双公示');
    expect(texts(started)).toMatch(/开始填报「[^」]*双公示/);
    expect(channel.updates).toHaveLength(1);
    const edited = channel.updates[0]!;
    expect(edited.messageId).toBe(channel.messageIds.get(picker!));
    expect('card' in edited.content && edited.content.card.buttons).toBeUndefined();
    expect(renderText(edited.content)).toContain('已选择：双公示');

    const again = await h.press('wang-fang', picker!, '双公示');
    expect(texts(again)).toContain('这张卡片已失效');
    // …and the current state: the form still open at its first question.
    expect(texts(again)).toContain('（1/7）');
  });

  it('delivers the exported workbook as a file', async () => {
    const channel = larkLike();
    const h = await harness(channel);
    const [reply] = await h.chat('xu-wenbo', '导出 2026-11');
    expect('file' in reply!.content && reply!.content.file).toMatchObject({ name: '信用监测台账-2026-11.xlsx', caption: expect.stringContaining('已导出2026年11月工作台账') });
  });
});

describe('the bot on a text-only channel (WeChat-like)', () => {
  it('sends cards as text with numbered replies, and a typed number answers the card', async () => {
    const channel = wechatLike();
    const h = await harness(channel);
    const [picker] = await h.chat('wang-fang', '填报');
    expect('text' in picker!.content && picker!.content.text).toContain('回复序号：1. 双公示');
    expect(texts(await h.chat('wang-fang', '1'))).toMatch(/开始填报「[^」]*双公示/);
    expect(channel.updates).toEqual([]);
  });

  it('says where the exported workbook was saved, since it cannot send files', async () => {
    const channel = wechatLike();
    const h = await harness(channel);
    const [reply] = await h.chat('xu-wenbo', '导出 2026-11');
    expect('text' in reply!.content && reply!.content.text).toMatch(/^已导出2026年11月工作台账（.*）。\n文件已保存到：.*信用监测台账-2026-11\.xlsx。当前渠道不能发送文件/);
  });
});

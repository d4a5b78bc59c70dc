import { describe, expect, it } from 'vitest';
import type { ChannelCapabilities } from '../../src/channels/channel';
import { degrade } from '../../src/core/degrade';

const textOnly: ChannelCapabilities = { cards: false, files: false, mentions: 'name' };
const rich: ChannelCapabilities = { cards: true, files: true, mentions: 'id' };
const card = { card: { title: '选择任务', lines: ['本月待报：'], buttons: [{ label: '双公示', value: '双公示' }] } };

describe('degrade', () => {
  it('passes through what the channel can show', () => {
    expect(degrade(card, rich)).toBe(card);
    const file = { file: { path: '/data/exports/台账.xlsx', name: '台账.xlsx' } };
    expect(degrade(file, rich)).toBe(file);
    expect(degrade({ text: '你好' }, textOnly)).toEqual({ text: '你好' });
  });

  it('turns a card into text with numbered replies where there are no cards', () => {
    expect(degrade(card, textOnly)).toEqual({ text: '【选择任务】\n本月待报：\n回复序号：1. 双公示' });
  });

  it('turns a file into where to fetch it where files cannot be sent', () => {
    expect(degrade({ file: { path: '/data/exports/台账.xlsx', name: '台账.xlsx', caption: '已导出。' } }, textOnly)).toEqual({
      text: '已导出。\n文件已保存到：/data/exports/台账.xlsx。当前渠道不能发送文件，请到上述位置取用。',
    });
    expect(degrade({ file: { data: Buffer.from('x'), name: '名单.csv' } }, textOnly)).toEqual({ text: '文件「名单.csv」无法通过当前渠道发送，请联系管理员取用。' });
  });
});

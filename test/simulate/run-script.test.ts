import { describe, expect, it } from 'vitest';
import { simulate } from '../helpers/simulate';

describe('runScript', () => {
  it('replies with virtual timestamps, chat names and mentions', async () => {
    const out = await simulate([
      { at: '2026-11-10T09:00:00+08:00', from: '王芳', chat: 'group', text: '我是谁' },
      { at: '2026-11-10T09:05:00+08:00', from: 'he-jing', chat: 'dm', text: '@信用助手 你好' },
      { at: '2026-11-10T09:06:00+08:00', from: '王芳', chat: 'group', text: '大家好' },
    ]);
    expect(out.map(({ at, chat, mentions }) => ({ at, chat, mentions }))).toEqual([
      { at: '2026-11-10T09:00:00+08:00', chat: 'group', mentions: ['wang-fang'] },
      { at: '2026-11-10T09:00:00+08:00', chat: 'dm:wang-fang', mentions: [] },
      { at: '2026-11-10T09:05:00+08:00', chat: 'dm:he-jing', mentions: [] },
    ]);
    expect(out[1]!.card?.title).toBe('我是谁');
    expect(out[1]!.text).toContain('【我是谁】\n姓名：王芳（编号 wang-fang）');
  });

  it('plays people outside the roster under the given name', async () => {
    const out = await simulate([{ at: '2026-11-10T09:00:00+08:00', from: '张三', chat: 'dm', text: '填报' }]);
    expect(out).toMatchObject([{ chat: 'dm:张三', mentions: [] }]);
  });

  it('stops at a press of a button no card has, naming the line', async () => {
    await expect(
      simulate([
        { at: '2026-11-10T09:00:00+08:00', from: '王芳', chat: 'dm', text: '我是谁' },
        { at: '2026-11-10T09:01:00+08:00', from: '王芳', press: '双公示' },
      ]),
    ).rejects.toThrow('scenario 第 2 行：王芳 收到的卡片中没有按钮“双公示”');
  });

  it('replays a redelivered message id once', async () => {
    const line = { at: '2026-11-10T09:00:00+08:00', from: '王芳', chat: 'dm', text: '我是谁', id: 'evt-1' };
    expect(await simulate([line, { ...line, at: '2026-11-10T09:00:05+08:00' }])).toHaveLength(1);
  });

  it('refuses an ambiguous or unknown group', async () => {
    await expect(simulate([{ at: '2026-11-10T09:00:00+08:00', from: '王芳', chat: 'group:nope', text: 'x' }])).rejects.toThrow(/第 1 行：名册中没有群 nope/);
  });
});

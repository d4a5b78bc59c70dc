import { describe, expect, it } from 'vitest';
import { botHarness, textOf } from '../helpers/bot-harness';

describe('我是谁 (whoami)', () => {
  it('shows name, sections, roles and registered accounts', async () => {
    const h = await botHarness();
    expect(textOf((await h.say('song-jia', '我是谁'))[0])).toBe(
      ['我是谁', '姓名：宋佳（编号 song-jia）', '科室：监督考核科、综合受理窗口', '角色：专人', '已登记的账号：无（只能在终端或模拟中使用）'].join('\n'),
    );
  });

  it('shows a stranger their platform id and whom to ask', async () => {
    const h = await botHarness();
    expect(textOf((await h.say('ou_unknown', '我是谁', { channel: 'lark' }))[0])).toBe(
      '您还不在名册中（lark 账号 ou_unknown）。请联系管理员林晓燕、许文博、高雅把您加入名册（data/org.yaml）。',
    );
  });
});

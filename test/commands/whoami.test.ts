import { describe, expect, it } from 'vitest';
import { testChat } from '../helpers/test-chat';

describe('我是谁 (whoami)', () => {
  it('shows name, sections, roles and registered accounts', async () => {
    const chat = await testChat();
    await chat
      .as('宋佳')
      .dm('我是谁')
      .expectReply(['【我是谁】', '姓名：宋佳（编号 song-jia）', '科室：监督考核科、综合受理窗口', '角色：专人', '已登记的账号：无（只能在终端或模拟中使用）'].join('\n'));
  });

  it('answers in the direct chat when asked in the group, keeping the phone number out of the group', async () => {
    const chat = await testChat();
    await chat.as('王芳').group('我是谁').expectDm('王芳', '手机 13800000011').expectGroupMessage('「我是谁」涉及个人或科室信息，已在私聊中回复您。');
    expect(chat.groupMessages().join('\n')).not.toContain('13800000011');
  });

  it('lists the accounts registered for each platform, found by the Lark open_id', async () => {
    const chat = await testChat();
    await chat
      .as('ou_wang_fang', { channel: 'lark' })
      .dm('我是谁')
      .expectReply(
        [
          '【我是谁】',
          '姓名：王芳（编号 wang-fang）',
          '科室：商事登记项目审批服务科',
          '角色：专人',
          '已登记的账号：飞书 ou_wang_fang，手机 13800000011，邮箱 wang.fang@example.com，微信昵称 王芳，微信备注名 wangfang_sj',
        ].join('\n'),
      );
  });

  it('shows a stranger their platform id and whom to ask', async () => {
    const chat = await testChat();
    await chat
      .as('ou_unknown', { channel: 'lark' })
      .dm('我是谁')
      .expectReply('您还不在名册中（lark 账号 ou_unknown）。请联系管理员林晓燕、许文博、高雅把您加入名册（data/org.yaml）。');
  });
});

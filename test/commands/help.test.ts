import { describe, expect, it } from 'vitest';
import { commandList } from '../../commands/index';
import type { Command } from '../../src/core/chat-context';
import { testChat } from '../helpers/test-chat';

const adminOnly: Command = { name: '清理', aliases: ['purge'], usage: '清理 [月份]', summary: '导出本月台账', roles: ['admin'], run: async () => {} };
const headOnly: Command = { name: '复核', aliases: ['recheck'], summary: '审核积分', roles: ['head'], run: async () => {} };

describe('帮助 (help)', () => {
  it('lists only what the asker may use, introducing them by section and role', async () => {
    const chat = await testChat({ commands: [...commandList, adminOnly, headOnly] });
    await chat.as('王芳').dm('帮助').expectReply('您是 王芳（商事登记项目审批服务科 专人），可以发送：').expectReply('• 我是谁（whoami）：');
    expect(chat.inbox('王芳').join('\n')).not.toContain('清理');
    await chat.as('许文博').dm('help').expectReply('• 清理 [月份]（purge）：导出本月台账');
    expect(chat.inbox('许文博').join('\n')).not.toContain('复核');
    await chat.as('孙浩然').dm('help').expectReply('• 复核（recheck）：审核积分');
  });

  it('tells a stranger what they can do without being in the roster', async () => {
    const chat = await testChat({ commands: [...commandList, adminOnly] });
    await chat.as('stranger').dm('帮助').expectReply('您还不在名册中，可以发送：').expectReply('我是谁');
    expect(chat.inbox('stranger').join('\n')).not.toContain('清理');
  });

  it('lists every command by role with 帮助 全部', async () => {
    const chat = await testChat({ commands: [...commandList, adminOnly, headOnly] });
    await chat
      .as('王芳')
      .dm('帮助 全部')
      .expectReply(/【所有人】\n• 帮助[\s\S]*【管理员】\n• 导出[^【]*\n• 清理[\s\S]*【科室负责人】\n• 复核/)
      .expectReply('【管理员、科室负责人】\n• 同意');
    expect(chat.inbox('王芳').join('\n')).not.toContain('【科室负责人、管理员】');
  });
});

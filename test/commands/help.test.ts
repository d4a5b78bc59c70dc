import { describe, expect, it } from 'vitest';
import { commandList } from '../../commands/index';
import type { Command } from '../../src/core/chat-context';
import { botHarness, textOf } from '../helpers/bot-harness';

const adminOnly: Command = { name: '清理', aliases: ['purge'], usage: '清理 [月份]', summary: '导出本月台账', roles: ['admin'], run: async () => {} };
const headOnly: Command = { name: '复核', aliases: ['recheck'], summary: '审核积分', roles: ['head'], run: async () => {} };

describe('帮助 (help)', () => {
  it('lists only what the asker may use, introducing them by section and role', async () => {
    const h = await botHarness({ commands: [...commandList, adminOnly, headOnly] });
    const reporter = textOf((await h.say('wang-fang', '帮助'))[0]);
    expect(reporter).toContain('您是 王芳（商事登记项目审批服务科 专人），可以发送：');
    expect(reporter).toContain('• 我是谁（whoami）：');
    expect(reporter).not.toContain('清理');
    const admin = textOf((await h.say('xu-wenbo', 'help'))[0]);
    expect(admin).toContain('• 清理 [月份]（purge）：导出本月台账');
    expect(admin).not.toContain('复核');
    expect(textOf((await h.say('sun-haoran', 'help'))[0])).toContain('• 复核（recheck）：审核积分');
  });

  it('tells a stranger what they can do without being in the roster', async () => {
    const h = await botHarness({ commands: [...commandList, adminOnly] });
    const text = textOf((await h.say('stranger', '帮助'))[0]);
    expect(text).toContain('您还不在名册中，可以发送：');
    expect(text).toContain('我是谁');
    expect(text).not.toContain('清理');
  });

  it('lists every command by role with 帮助 全部', async () => {
    const h = await botHarness({ commands: [...commandList, adminOnly, headOnly] });
    const text = textOf((await h.say('wang-fang', '帮助 全部'))[0]);
    expect(text).toMatch(/【所有人】\n• 帮助[\s\S]*【管理员】\n• 导出[^【]*\n• 清理[\s\S]*【科室负责人】\n• 复核/);
    expect(text).toContain('【管理员、科室负责人】\n• 同意');
    expect(text).not.toContain('【科室负责人、管理员】');
  });
});

import { describe, expect, it } from 'vitest';
import { commandList } from '../../commands/index';
import { CommandRegistry } from '../../src/core/command';
import type { MemberCommand } from '../../src/core/chat-context';
import { loadRoster } from '../../src/org/roster';
import { StartupError } from '../../src/startup-error';

const roster = loadRoster('data/org.yaml');

const cmd = (name: string, aliases: string[] = []): MemberCommand => ({ name, aliases, summary: name, run: async () => {} });

describe('CommandRegistry', () => {
  it('accepts the shipped command list', () => {
    expect(() => new CommandRegistry(commandList)).not.toThrow();
  });

  it('stops startup on a duplicate name or alias, naming both commands', () => {
    expect(() => new CommandRegistry([cmd('帮助', ['help']), cmd('求助', ['HELP'])])).toThrow(StartupError);
    expect(() => new CommandRegistry([cmd('帮助', ['help']), cmd('求助', ['HELP'])])).toThrow(/命令名“HELP”重复：命令「帮助」和「求助」/);
    expect(() => new CommandRegistry([cmd('进度'), cmd('进度')])).toThrow(/“进度”重复/);
  });

  it('splits the command from its arguments, with ASCII or full-width spaces', () => {
    const registry = new CommandRegistry([cmd('填报', ['submit'])]);
    expect(registry.match('填报 双公示')).toMatchObject({ command: { name: '填报' }, args: '双公示' });
    expect(registry.match('填报\u3000双公示  信用动态')).toMatchObject({ args: '双公示  信用动态' });
    expect(registry.match('/SUBMIT')).toMatchObject({ command: { name: '填报' }, args: '' });
    expect(registry.match('填报双公示')).toBeUndefined();
    expect(registry.match('请问怎么填报')).toBeUndefined();
  });

  it('checks roles: public commands for everyone, members\' commands for the roster, role lists for those roles', () => {
    const registry = new CommandRegistry([]);
    const staff = roster.person('zhao-lei')!;
    expect(registry.allows({ ...cmd('a'), public: true, run: async () => {} }, undefined)).toBe(true);
    expect(registry.allows(cmd('b'), undefined)).toBe(false);
    expect(registry.allows(cmd('b'), staff)).toBe(true);
    expect(registry.allows({ ...cmd('c'), roles: ['admin'] }, staff)).toBe(false);
  });
});

describe('the registry refuses what a role may not do, before any command runs', () => {
  const registry = new CommandRegistry(commandList);
  const byName = (name: string) => registry.match(name)!.command;
  const admin = roster.person('xu-wenbo')!;
  const head = roster.person('sun-haoran')!;
  const reporter = roster.person('wang-fang')!;

  it('has these admin-only commands', () => {
    const adminOnly = commandList.filter((c) => !c.public && c.roles?.length === 1 && c.roles[0] === 'admin').map((c) => c.name);
    expect(adminOnly).toEqual(['导出', '提醒', '免报', '取消免报', '确认发布']);
  });

  it.each(commandList.filter((c) => !c.public && c.roles && !c.roles.includes('reporter')).map((c) => [c.name]))('%s: refused to a reporter, allowed to an admin', (name) => {
    expect(registry.refusal(byName(name), '', reporter)).toMatchObject({ what: name });
    expect(registry.refusal(byName(name), '', admin)).toBeUndefined();
  });

  // Forms of a command for fewer people than the command: [command, arguments, allowed, refused].
  it.each([
    ['排名', '发布', admin, head],
    ['排名', 'PUBLISH 11月', admin, reporter],
    ['排名', '预览 10月', admin, head],
    ['资料', '重新加载', admin, reporter],
    ['退回', '商事登记科 双公示 数据不一致', admin, head],
  ] as const)('%s %s: for admins only', (name, args, allowed, refused) => {
    expect(registry.refusal(byName(name), args, allowed)).toBeUndefined();
    expect(registry.refusal(byName(name), args, refused)).toMatchObject({ what: expect.stringContaining(name), roles: ['admin'] });
    expect(registry.refusal(byName(name), args, undefined)).toBeDefined();
  });

  it('tells a head refused the section form of 退回 how to return a points item instead', () => {
    expect(registry.refusal(byName('退回'), '商事科 双公示 错了', head)?.hint).toBe('核实积分申报请写编号：「退回 编号 理由」，例如「退回 3 事实不清」。');
  });

  it.each([
    ['排名', '', reporter],
    ['排名', '11月', head],
    ['排名', '历史 商事科', reporter],
    ['资料', '', undefined],
    ['退回', '3 事实不清', head],
    ['退回', '', head],
  ] as const)('%s %s: the command\'s other forms stay open', (name, args, person) => {
    expect(registry.refusal(byName(name), args, person)).toBeUndefined();
  });

  it('refuses a stranger every members\' command, naming it', () => {
    for (const command of commandList.filter((c) => !c.public)) expect(registry.refusal(command, '', undefined)).toEqual({ what: command.name, roles: command.roles ?? [] });
  });
});

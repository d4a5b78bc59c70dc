import { describe, expect, it } from 'vitest';
import { commandList } from '../../commands/index';
import { CommandRegistry, type Command } from '../../src/core/command';
import { StartupError } from '../../src/startup-error';

const cmd = (name: string, aliases: string[] = []): Command => ({ name, aliases, summary: name, run: async () => {} });

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

  it('checks roles: public commands for everyone, role lists for those roles', () => {
    const registry = new CommandRegistry([]);
    const person = { id: 'p', name: 'P', sections: ['s'], roles: ['staff' as const] };
    expect(registry.allows({ ...cmd('a'), public: true }, undefined)).toBe(true);
    expect(registry.allows(cmd('b'), undefined)).toBe(false);
    expect(registry.allows(cmd('b'), person)).toBe(true);
    expect(registry.allows({ ...cmd('c'), roles: ['admin'] }, person)).toBe(false);
  });
});

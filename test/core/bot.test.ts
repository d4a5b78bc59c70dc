import { describe, expect, it, vi } from 'vitest';
import { commandList } from '../../commands/index';
import type { Command } from '../../src/core/chat-context';
import { botHarness, textOf } from '../helpers/bot-harness';

const questions = () => vi.fn(async (ctx: { reply(s: string): Promise<void> }, q: string) => ctx.reply(`答：${q}`));

describe('Bot routing', () => {
  it('answers a command in the group without an @-mention, mentioning the sender', async () => {
    const h = await botHarness();
    const [reply, ...rest] = await h.say('wang-fang', '帮助', { chat: 'group' });
    expect(rest).toEqual([]);
    expect(reply!.to).toEqual({ kind: 'group', groupId: 'main' });
    expect(reply!.mentions).toEqual(['wang-fang']);
    expect(textOf(reply)).toContain('商事登记项目审批服务科');
  });

  it('ignores group chatter that does not mention the bot', async () => {
    const answer = questions();
    const h = await botHarness({ answerQuestion: answer });
    expect(await h.say('wang-fang', '大家好，今天下午开会', { chat: 'group' })).toEqual([]);
    expect(answer).not.toHaveBeenCalled();
  });

  it('sends questions to the answerer when mentioned in a group, and always in a direct chat', async () => {
    const answer = questions();
    const h = await botHarness({ answerQuestion: answer });
    expect(textOf((await h.say('wang-fang', '双公示多少天内上传', { chat: 'group', mention: true }))[0])).toBe('答：双公示多少天内上传');
    expect(textOf((await h.say('wang-fang', '信用修复怎么办'))[0])).toBe('答：信用修复怎么办');
    expect(answer).toHaveBeenCalledTimes(2);
  });

  it('greets a bare @-mention instead of answering nothing', async () => {
    const h = await botHarness();
    expect(textOf((await h.say('wang-fang', '', { chat: 'group', mention: true }))[0])).toContain('发送「帮助」');
  });

  it('matches English aliases case-insensitively and with a leading slash', async () => {
    const h = await botHarness();
    for (const text of ['whoami', 'WhoAmI', '/whoami', '我是谁']) {
      expect(textOf((await h.say('wang-fang', text))[0]), text).toContain('王芳');
    }
  });

  it('refuses a command to a role that may not use it, saying who may', async () => {
    const adminOnly: Command = { name: '清理', aliases: ['purge'], summary: '清理', roles: ['admin'], run: async (ctx) => ctx.reply('ok') };
    const h = await botHarness({ commands: [...commandList, adminOnly] });
    expect(textOf((await h.say('wang-fang', '清理'))[0])).toBe('「清理」只有管理员可以使用，您是专人。发送「帮助」查看您能用的命令。');
    expect(textOf((await h.say('xu-wenbo', '清理'))[0])).toBe('ok');
  });

  it('tells someone outside the roster how to be added, but lets them use public commands and ask', async () => {
    const memberOnly: Command = { name: '统计', aliases: [], summary: '统计', run: async (ctx) => ctx.reply('ok') };
    const answer = questions();
    const h = await botHarness({ commands: [...commandList, memberOnly], answerQuestion: answer });
    expect(textOf((await h.say('stranger', '统计'))[0])).toMatch(/不在本部门的名册中.*「统计」.*林晓燕、许文博、高雅/);
    expect(textOf((await h.say('stranger', '帮助'))[0])).toContain('您还不在名册中');
    expect(textOf((await h.say('stranger', '什么是红名单'))[0])).toBe('答：什么是红名单');
  });
});

describe('Bot deduplication', () => {
  it('handles a redelivered message once', async () => {
    const h = await botHarness();
    expect(await h.say('wang-fang', '我是谁', { id: 'lark-1' })).toHaveLength(1);
    expect(await h.say('wang-fang', '我是谁', { id: 'lark-1' })).toEqual([]);
    // Ids are per platform: the same id from another channel is another message.
    expect(await h.say('wang-fang', '我是谁', { id: 'lark-1', channel: 'wechat' })).toHaveLength(1);
  });

  it('remembers handled ids across a restart', async () => {
    const first = await botHarness();
    await first.say('wang-fang', '我是谁', { id: 'lark-9' });
    const second = await botHarness({ dataDir: first.dataDir });
    expect(await second.say('wang-fang', '我是谁', { id: 'lark-9' })).toEqual([]);
    expect(await second.say('wang-fang', '我是谁', { id: 'lark-10' })).toHaveLength(1);
  });
});

describe('Bot error path', () => {
  it('apologises with a reference, logs the context, and keeps serving', async () => {
    const broken: Command = {
      name: '坏了',
      aliases: [],
      summary: '总是失败',
      run: async () => {
        throw new Error('disk on fire');
      },
    };
    const h = await botHarness({ commands: [...commandList, broken] });
    const [apology] = await h.say('wang-fang', '坏了', { chat: 'group' });
    const ref = /错误编号 ([0-9a-f]{6})/.exec(textOf(apology))?.[1];
    expect(ref).toBeDefined();
    expect(apology!.mentions).toEqual(['wang-fang']);
    const logged = h.log.lines().find((l) => l.msg === 'handler failed');
    expect(logged).toMatchObject({ ref, channel: 'simulate', chatId: 'main', person: 'wang-fang', text: '坏了' });
    expect(JSON.stringify(logged)).toContain('disk on fire');
    expect(textOf((await h.say('wang-fang', '我是谁'))[0])).toContain('王芳');
  });

  it('survives even when the apology cannot be sent', async () => {
    const h = await botHarness({
      answerQuestion: async () => {
        throw new Error('answerer down');
      },
    });
    h.sent.push = () => {
      throw new Error('network down');
    };
    await expect(h.bot.handle(h.message('wang-fang', '问题'))).resolves.toBeUndefined();
    expect(h.log.lines().map((l) => l.msg)).toEqual(['handler failed', 'apology could not be sent']);
  });
});

describe('Bot serialisation', () => {
  it('handles one chat in order while other chats go ahead', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow: Command = { name: '慢', aliases: [], summary: '慢', run: async (ctx) => (await gate, ctx.reply('慢完成')) };
    const h = await botHarness({ commands: [...commandList, slow] });
    const order: string[] = [];
    const first = h.bot.handle(h.message('wang-fang', '慢')).then(() => order.push('慢'));
    const second = h.bot.handle(h.message('wang-fang', '我是谁')).then(() => order.push('同一私聊'));
    await h.bot.handle(h.message('he-jing', '我是谁')).then(() => order.push('另一私聊'));
    expect(order).toEqual(['另一私聊']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['另一私聊', '慢', '同一私聊']);
  });
});

describe('Buttons as numbered replies', () => {
  const menu: Command = {
    name: '菜单',
    aliases: [],
    summary: '菜单',
    run: async (ctx) =>
      ctx.reply({ card: { title: '选一个', buttons: [{ label: '看看我是谁', value: '我是谁' }, { label: '帮助', value: '帮助' }] } }),
  };

  it('turns "1" (or a full-width "１") into the button it names, until the bot says something else', async () => {
    const h = await botHarness({ commands: [...commandList, menu], answerQuestion: questions() });
    await h.say('wang-fang', '菜单');
    expect(textOf((await h.say('wang-fang', '1'))[0])).toContain('姓名：王芳');
    // Without buttons a bare number is no question: with no form open the bot says so.
    expect(textOf((await h.say('wang-fang', '１'))[0])).toMatch(/^现在没有正在填写的表单，「１」没有记录。/);
  });

  it('keeps each chat\'s buttons apart and ignores numbers out of range', async () => {
    const h = await botHarness({ commands: [...commandList, menu], answerQuestion: questions() });
    await h.say('wang-fang', '菜单');
    expect(textOf((await h.say('wang-fang', '3'))[0])).toMatch(/^现在没有正在填写的表单，「3」没有记录。/);
    expect(textOf((await h.say('he-jing', '1'))[0])).toMatch(/^现在没有正在填写的表单，「1」没有记录。/);
    await h.say('wang-fang', '菜单');
    expect(textOf((await h.say('wang-fang', '2'))[0])).toContain('帮助');
  });
});

describe('Bot identities: the channel resolves platform ids, the core reads roster ids', () => {
  it('knows 王芳 on Lark by the roster id her open_id resolved to', async () => {
    const h = await botHarness();
    const [reply] = await h.say('ou_wang_fang', '进度', { channel: 'lark' });
    expect(reply!.to).toEqual({ kind: 'direct', personId: 'wang-fang' });
    expect(textOf(reply)).toContain('商事登记项目审批服务科');
  });

  it('treats a sender the channel did not resolve as a stranger, whatever the platform id looks like', async () => {
    const h = await botHarness();
    await h.bot.handle({ ...h.message('wang-fang', '进度'), personId: undefined });
    expect(h.sent.splice(0).map(textOf)).toEqual([expect.stringMatching(/^您还不在本部门的名册中，暂时不能使用「进度」/)]);
  });

  it('answers a group the roster does not list in that raw chat', async () => {
    const h = await botHarness();
    await h.bot.handle({ ...h.message('wang-fang', '帮助', { chat: 'group' }), chatId: 'oc_other', groupId: undefined });
    expect(h.sent.splice(0).map((o) => o.to)).toEqual([{ kind: 'chat', chatId: 'oc_other', chatType: 'group' }]);
  });
});

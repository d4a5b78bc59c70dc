import { describe, expect, it } from 'vitest';
import { commandList } from '../../commands/index';
import type { Command } from '../../src/core/chat-context';
import type { Flow } from '../../src/conversations/flow';
import { Conversations, conversationKey } from '../../src/conversations/conversations';
import { workdayLifetime } from '../../src/conversations/lifetime';
import { loadRoster } from '../../src/org/roster';
import { loadTaskCatalog } from '../../src/tasks/catalog';
import { botHarness, textOf } from '../helpers/bot-harness';

/** A two-question flow, the shape issue 3's forms take. */
function nameAndCount(version = 1): Flow {
  return {
    id: 'count',
    title: '数量登记',
    version,
    async start(ctx) {
      await ctx.reply('请输入名称');
      return { step: 0, data: {} };
    },
    async next(ctx, state) {
      if (state.step === 0) {
        await ctx.reply('请输入数量');
        return { step: 1, data: { name: ctx.args } };
      }
      await ctx.reply(`已登记：${String(state.data.name)} ${ctx.args}`);
      return null;
    },
    async remind(ctx, state, note) {
      await ctx.reply(`${note}${state.step === 0 ? '请输入名称' : '请输入数量'}`);
      return state;
    },
    describe: (state) => `数量登记（第 ${state.step + 1}/2 项）`,
    subject: () => 'count',
    opens: () => true,
    answered: () => true,
    takesFreeText: (state) => state.step === 0,
  };
}

function startCommand(conversations: () => Conversations): Command {
  return { name: '登记', aliases: [], summary: '登记', run: (ctx) => conversations().start(ctx, 'count') };
}

async function harness(flow: Flow, dataDir?: string) {
  let conversations!: Conversations;
  const h = await botHarness({ flows: [flow], commands: [...commandList, startCommand(() => conversations)], dataDir });
  conversations = new Conversations([flow], workdayLifetime(loadTaskCatalog('data/tasks.yaml', loadRoster('data/org.yaml'))));
  return h;
}

describe('Conversations', () => {
  it('takes the person through the steps in their direct chat and forgets the state at the end', async () => {
    const h = await harness(nameAndCount());
    expect(textOf((await h.say('wang-fang', '登记'))[0])).toBe('请输入名称');
    expect(textOf((await h.say('wang-fang', '双公示'))[0])).toBe('请输入数量');
    expect(textOf((await h.say('wang-fang', '12'))[0])).toBe('已登记：双公示 12');
    expect(h.state().conversations).toEqual({});
  });

  it('resumes at the same step after a restart', async () => {
    const first = await harness(nameAndCount());
    await first.say('wang-fang', '登记');
    await first.say('wang-fang', '双公示');
    const second = await harness(nameAndCount(), first.dataDir);
    expect(textOf((await second.say('wang-fang', '12'))[0])).toBe('已登记：双公示 12');
  });

  it('leaves group messages and other people alone', async () => {
    const h = await harness(nameAndCount());
    await h.say('wang-fang', '登记');
    // Asked in the group, 我是谁 answers privately (after a note in the group), not as a form answer.
    expect(textOf((await h.say('wang-fang', '我是谁', { chat: 'group' }))[1])).toContain('姓名：王芳');
    expect(textOf((await h.say('he-jing', '我是谁'))[0])).toContain('姓名：何静');
    expect(h.state().conversations[conversationKey('simulate', 'wang-fang')]?.step).toBe(0);
  });

  it('answers a command mid-form, then says where the form stands', async () => {
    const h = await harness(nameAndCount());
    await h.say('wang-fang', '登记');
    await h.say('wang-fang', '双公示');
    const replies = (await h.say('wang-fang', '我是谁')).map(textOf);
    expect(replies[0]).toContain('姓名：王芳');
    expect(replies[1]).toBe('📝 您的「数量登记（第 2/2 项）」还没填完，直接回复即可继续：请输入数量');
    expect(textOf((await h.say('wang-fang', '12'))[0])).toBe('已登记：双公示 12');
  });

  it('asks back when a free-text answer begins with a command name, and does what is chosen', async () => {
    const h = await harness(nameAndCount());
    await h.say('wang-fang', '登记');
    const [question] = await h.say('wang-fang', '进度 正常');
    expect(textOf(question)).toBe('是命令还是回答？\n「进度 正常」以命令「进度」开头。是要执行这个命令，还是把这句话作为当前这一项的回答？');
    expect(textOf((await h.say('wang-fang', '2'))[0])).toBe('请输入数量');
    expect(textOf((await h.say('wang-fang', '5'))[0])).toBe('已登记：进度 正常 5');

    await h.say('wang-fang', '登记');
    await h.say('wang-fang', '我是谁');
    const ran = (await h.say('wang-fang', '执行命令')).map(textOf);
    expect(ran[0]).toContain('姓名：王芳');
    expect(ran[1]).toMatch(/还没填完，直接回复即可继续：请输入名称$/);
  });

  it('sets aside a form left past its expiry; 继续填报 restores it where it stood', async () => {
    const h = await harness(nameAndCount());
    await h.say('wang-fang', '登记');
    await h.say('wang-fang', '双公示');
    // Friday 09:00 → lives until the end of Monday; on Tuesday it has lapsed.
    h.clock.set(new Date('2026-11-24T02:00:00Z'));
    const [stray] = await h.say('wang-fang', '12');
    expect(textOf(stray)).toBe('现在没有正在填写的表单，「12」没有记录。您的「数量登记（第 2/2 项）」（11月23日 17:30 过期）还没提交，发送「继续填报」接着填。');
    expect(h.state().conversations).toEqual({});
    expect(textOf((await h.say('wang-fang', '继续填报'))[0])).toBe('已恢复「数量登记（第 2/2 项）」，接着填：请输入数量');
    expect(textOf((await h.say('wang-fang', '12'))[0])).toBe('已登记：双公示 12');
    expect(h.state().parkedForms).toEqual([]);
  });

  it('discards state saved by an older version of the flow instead of misreading it', async () => {
    const first = await harness(nameAndCount(1));
    await first.say('wang-fang', '登记');
    const second = await harness(nameAndCount(2), first.dataDir);
    const replies = await second.say('wang-fang', '15');
    expect(textOf(replies[0])).toBe('「数量登记」的表单已经更新，您之前未完成的填写已作废，没有保存任何内容。请重新开始。');
    expect(replies).toHaveLength(2);
    expect(second.state().conversations).toEqual({});
  });
});

import { describe, expect, it } from 'vitest';
import { commandList } from '../../commands/index';
import type { Command } from '../../src/core/command';
import type { Flow } from '../../src/conversations/flow';
import { Conversations, conversationKey } from '../../src/conversations/conversations';
import { botHarness, textOf } from '../helpers/bot-harness';

/** A two-question flow, the shape issue 3's forms take. */
function nameAndCount(version = 1): Flow {
  return {
    id: 'count',
    title: '数量登记',
    version,
    idleMinutes: 120,
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
  };
}

function startCommand(conversations: () => Conversations): Command {
  return { name: '登记', aliases: [], summary: '登记', run: (ctx) => conversations().start(ctx, 'count') };
}

async function harness(flow: Flow, dataDir?: string) {
  let conversations!: Conversations;
  const h = await botHarness({ flows: [flow], commands: [...commandList, startCommand(() => conversations)], dataDir });
  conversations = new Conversations([flow]);
  return h;
}

describe('Conversations', () => {
  it('takes the person through the steps in their direct chat and forgets the state at the end', async () => {
    const h = await harness(nameAndCount());
    expect(textOf((await h.say('wang-fang', '登记'))[0])).toBe('请输入名称');
    expect(textOf((await h.say('wang-fang', '双公示'))[0])).toBe('请输入数量');
    expect(textOf((await h.say('wang-fang', '帮助'))[0])).toBe('已登记：双公示 帮助');
    expect(h.store.data.conversations).toEqual({});
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
    expect(h.store.data.conversations[conversationKey('simulate', 'wang-fang')]?.step).toBe(0);
  });

  it('discards a conversation left idle past its expiry, with a message, and handles the text afresh', async () => {
    const h = await harness(nameAndCount());
    await h.say('wang-fang', '登记');
    h.clock.set(new Date(h.clock.now().getTime() + 121 * 60_000));
    const replies = await h.say('wang-fang', '我是谁');
    expect(textOf(replies[0])).toBe('您的「数量登记」自 2026-11-20 09:00 起超过 2 小时没有继续，已经作废，没有保存任何内容。如需填写请重新开始。');
    expect(textOf(replies[1])).toContain('姓名：王芳');
    expect(h.store.data.conversations).toEqual({});
  });

  it('discards state saved by an older version of the flow instead of misreading it', async () => {
    const first = await harness(nameAndCount(1));
    await first.say('wang-fang', '登记');
    const second = await harness(nameAndCount(2), first.dataDir);
    const replies = await second.say('wang-fang', '15');
    expect(textOf(replies[0])).toBe('「数量登记」的表单已经更新，您之前未完成的填写已作废，没有保存任何内容。请重新开始。');
    expect(replies).toHaveLength(2);
    expect(second.store.data.conversations).toEqual({});
  });
});

import { describe, expect, it } from 'vitest';
import { classifySmallTalk } from '../../src/core/small-talk';
import { botHarness, textOf } from '../helpers/bot-harness';

describe('small talk', () => {
  it.each([
    ['收到', 'ack'],
    ['收到！', 'ack'],
    ['好的', 'ack'],
    ['好的好的', 'ack'],
    ['好滴~', 'ack'],
    ['ok', 'ack'],
    ['OK!', 'ack'],
    ['嗯嗯', 'ack'],
    ['知道了', 'ack'],
    ['👍', 'ack'],
    ['👍🏻👍🏻', 'ack'],
    ['😊', 'ack'],
    ['谢谢', 'thanks'],
    ['谢谢啦', 'thanks'],
    ['辛苦了', 'thanks'],
    ['Thanks', 'thanks'],
    ['你好', 'hello'],
    ['您好！', 'hello'],
    ['在吗？', 'hello'],
    ['取消', 'cancel'],
    ['算了', 'cancel'],
  ])('reads %s as %s', (text, kind) => {
    expect(classifySmallTalk(text)).toBe(kind);
  });

  it.each(['双公示多少天内上传', '好的，双公示怎么报', '谢谢，信用修复怎么办', '118', '是', '否', '取消免报 商事科 重错码', '老赖能坐飞机吗'])('leaves %s to the rest of the bot', (text) => {
    expect(classifySmallTalk(text)).toBeUndefined();
  });

  it('answers small talk in a direct chat with one friendly line, never a policy quote or the list of documents', async () => {
    const h = await botHarness();
    for (const text of ['收到', '好的', '谢谢', '你好', '在吗', '取消', '👍', 'ok', '嗯嗯', '🙏']) {
      const out = await h.say('wang-fang', text);
      expect(out, text).toHaveLength(1);
      const reply = textOf(out[0]);
      expect(reply.split('\n'), text).toHaveLength(1);
      expect(reply, text).toContain('发「帮助」看全部命令');
      expect(reply, text).not.toMatch(/根据《|已加载的文件/);
    }
    expect(textOf((await h.say('wang-fang', '谢谢'))[0])).toMatch(/^不客气！/);
    expect(textOf((await h.say('wang-fang', '取消'))[0])).toMatch(/^现在没有正在填写的内容，无需取消。/);
    expect(textOf((await h.say('wang-fang', '在吗'))[0])).toMatch(/^您好，我是信用助手。/);
  });

  it('still cancels an open form with 取消', async () => {
    const h = await botHarness();
    await h.say('wang-fang', '填报 双公示');
    expect(textOf((await h.say('wang-fang', '取消'))[0])).not.toContain('无需取消');
  });

  it('answers small talk @-mentioned in the group the same way, and ignores it unaddressed', async () => {
    const h = await botHarness();
    expect(textOf((await h.say('wang-fang', '谢谢', { chat: 'group', mention: true }))[0])).toMatch(/^不客气！/);
    expect(await h.say('wang-fang', '收到', { chat: 'group' })).toEqual([]);
  });
});

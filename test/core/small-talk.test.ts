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
    ['好的收到', 'ack'],
    ['好的，收到！', 'ack'],
    ['收到，谢谢', 'thanks'],
    ['好的谢谢您~', 'thanks'],
    ['哈哈', 'ack'],
    ['哈哈哈😂', 'ack'],
    ['[微笑]', 'ack'],
    ['[OK][抱拳]', 'ack'],
    ['收到[强]', 'ack'],
    ['你好，在吗？', 'hello'],
    ['你是谁', 'intro'],
    ['你能做什么？', 'intro'],
    ['怎么用', 'intro'],
    ['您好，你是谁呀', 'intro'],
    ['thank you!', 'thanks'],
  ])('reads %s as %s', (text, kind) => {
    expect(classifySmallTalk(text)).toBe(kind);
  });

  it.each(['双公示多少天内上传', '好的，双公示怎么报', '谢谢，信用修复怎么办', '118', '是', '否', '取消免报 商事科 重错码', '老赖能坐飞机吗', '信用中国网站怎么用', '[1]', '？', '好的 118'])('leaves %s to the rest of the bot', (text) => {
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

  it('answers what the QA tester typed with one friendly line, never a policy quote', async () => {
    const h = await botHarness();
    for (const text of ['好的收到', '收到，谢谢', '哈哈', '[微笑]', '你是谁', '你能做什么', '@信用助手 你好', '＠信用助手你好']) {
      const out = await h.say('wang-fang', text);
      expect(out, text).toHaveLength(1);
      const reply = textOf(out[0]);
      expect(reply.split('\n'), text).toHaveLength(1);
      expect(reply, text).toContain('发「帮助」看全部命令');
      expect(reply, text).not.toMatch(/根据《|已加载的文件|答：/);
    }
    expect(textOf((await h.say('wang-fang', '你能做什么'))[0])).toBe(
      '我是信用助手，帮各科室按月报送信用监测材料、提醒截止时间、通报月度排名，并解答信用政策问题。需要时可以发「填报」报送材料、「进度」查看进度、「积分」申报积分，或直接问信用政策；发「帮助」看全部命令。',
    );
    expect(textOf((await h.say('wang-fang', '@信用助手 你好'))[0])).toMatch(/^您好，我是信用助手。/);
  });

  it('a leading @-mention of the bot in a direct chat does not hide a command', async () => {
    const h = await botHarness();
    expect(textOf((await h.say('wang-fang', '@信用助手 我是谁'))[0])).toContain('王芳');
  });

  it('does not invite someone outside the roster to 填报, 进度 or 积分', async () => {
    const h = await botHarness();
    for (const text of ['你好', '谢谢', '你能做什么']) {
      const reply = textOf((await h.say('stranger', text))[0]);
      expect(reply, text).toContain('您可以直接问信用政策，或发「资料」查看政策文件；发「帮助」看可用的命令。');
      expect(reply, text).not.toMatch(/填报|进度|积分/);
    }
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

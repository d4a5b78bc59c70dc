import { describe, expect, it, vi } from 'vitest';
import { types } from 'wechaty';
import { WechatChannel } from '../../../src/channels/wechat/wechat-channel';
import { loadRoster } from '../../../src/org/roster';
import { t } from '../../../src/prompts';
import { watchEvents } from '../../helpers/platform-bot';
import { captureLog } from '../../helpers/silent-logger';
import { wechatBots } from '../../helpers/wechat-harness';

/** The whole bot on the real WeChat channel and wechaty, with the mock puppet; stopped after each test. */
const bot = wechatBots();

describe('WeChat: pacing a personal account', () => {
  it('a burst of 50 messages to the group leaves 1.5 s apart and never more than 20 in a minute, in order', async () => {
    const h = await bot({ start: new Date('2026-11-24T02:00:00Z') });
    const texts = Array.from({ length: 50 }, (_, i) => `通知 第 ${i + 1} 条`);

    await Promise.all(texts.map((text) => h.harness.bot.send({ to: { kind: 'group', groupId: 'main' }, mentions: [], content: { text } })));

    expect(h.sent).toEqual(texts.map((text) => ({ chat: 'group', text })));
    // The waits before each send (virtual time: the timer records them and skips them).
    const sentAt = [0];
    for (const wait of h.timer.sleeps) sentAt.push(sentAt.at(-1)! + wait);
    // 20 a minute, 1.5 s apart: the 21st and the 41st wait for the minute of the first of their 20 to pass.
    expect(sentAt).toEqual(texts.map((_, i) => Math.floor(i / 20) * 60_000 + (i % 20) * 1500));
  });

  it('a long answer is split at line boundaries into messages of at most 2 000 characters, paced like the rest', async () => {
    const h = await bot({ start: new Date('2026-11-24T02:00:00Z') });
    const lines = Array.from({ length: 120 }, (_, i) => `第 ${String(i + 1).padStart(3, '0')} 行：${'信用'.repeat(10)}`);

    await h.harness.bot.send({ to: { kind: 'direct', personId: 'wang-fang' }, mentions: [], content: { text: lines.join('\n') } });

    expect(h.sent.length).toBeGreaterThan(1);
    expect(h.sent.every((m) => m.chat === 'dm:wang-fang' && [...m.text!].length <= 2000)).toBe(true);
    expect(h.sent.map((m) => m.text).join('\n')).toBe(lines.join('\n'));
    expect(h.timer.sleeps).toEqual(h.sent.slice(1).map(() => 1500));
  });
});

describe('WeChat: one room, two people at once', () => {
  it('a message the puppet is slow to describe is still handed on before the same person\'s next one', async () => {
    const h = await bot({ start: new Date('2026-11-24T02:00:00Z') });
    const order: string[] = [];
    watchEvents(h.harness.bot, (event) => {
      if (event.kind === 'message') order.push(event.text);
    });
    // The first look-up of a member of the room (the bot's own name in it) takes a while.
    const lookUp = h.puppet.roomMemberRawPayload.bind(h.puppet);
    let lookUps = 0;
    h.puppet.roomMemberRawPayload = async (roomId: string, contactId: string) => {
      if ((lookUps += 1) === 1) await new Promise((resolve) => setTimeout(resolve, 100));
      return lookUp(roomId, contactId);
    };

    await Promise.all([h.group('王芳', '@信用助手 第一条'), h.group('王芳', '@信用助手 第二条')]);

    expect(order).toEqual(['第一条', '第二条']);
  });
});

describe('WeChat: what is not text', () => {
  it('a picture in the direct chat is answered with a request to write; one in the group without an @ is left alone', async () => {
    const h = await bot({ start: new Date('2026-11-24T02:00:00Z') });

    h.picture('王芳', 'dm');
    await vi.waitFor(() => expect(h.sent).toEqual([{ chat: 'dm:wang-fang', text: t('wechat.non_text') }]));
    h.picture('王芳', 'group');
    await h.group('王芳', '@信用助手 你好');
    expect(h.sent.filter((m) => m.text === t('wechat.non_text'))).toHaveLength(1);
  });
});

describe('WeChat: official accounts', () => {
  it('a message from an official account (公众号) is not handled, not even answered as a stranger', async () => {
    const h = await bot({ start: new Date('2026-11-24T02:00:00Z') });
    const official = h.mocker.createContact({ name: '信用中国', type: types.Contact.Official });
    const handled: string[] = [];
    watchEvents(h.harness.bot, (event) => handled.push(event.messageId));

    official.say('填报').to(h.botUser);
    await h.dm('王芳', '你好', { id: 'wx-wang' });

    expect(handled).toEqual(['wx-wang']);
    expect(h.sent.map((m) => m.chat)).toEqual(['dm:wang-fang']);
  });
});

describe('WeChat: the room and the roster', () => {
  it('once the puppet is ready, the room is found by its topic and the roster people missing from it are named in the log', async () => {
    const h = await bot({ start: new Date('2026-11-24T02:00:00Z'), outsideRoom: ['he-jing'] });

    h.ready();

    await vi.waitFor(() => expect(h.channelLog.lines().map((l) => l['msg'])).toContain("wechat: roster people not found among the room's members by alias or name; npm run wechat:check explains"));
    const warning = h.channelLog.lines().find((l) => String(l['msg']).startsWith('wechat: roster people not found'));
    expect(warning).toMatchObject({ group: 'main', topic: '信用体系建设工作群', people: ['he-jing'] });
  });

  it('a renamed room is still the work group by its id once seen; unseen, a room of another topic is not', async () => {
    const groupsSeen = async (seenBeforeRename: boolean) => {
      const h = await bot({ start: new Date('2026-11-24T02:00:00Z') });
      const groups: Array<string | undefined> = [];
      watchEvents(h.harness.bot, (event) => groups.push(event.groupId));
      if (seenBeforeRename) await h.group('王芳', '@信用助手 你好');
      h.room.payload.topic = '信用工作群（新）';
      await h.puppet.roomPayloadDirty(h.room.id);
      await h.group('许文博', '@信用助手 你好');
      return groups;
    };

    expect(await groupsSeen(true)).toEqual(['main', 'main']);
    expect(await groupsSeen(false)).toEqual([undefined]);
  });
});

describe('WeChat: starting and stopping', () => {
  it('stopped while the puppet package is still loading (SIGTERM right after launch), it ends instead of waiting for ever', async () => {
    const channel = new WechatChannel({ puppet: 'wechaty-puppet-mock', roster: loadRoster('data/org.yaml'), log: captureLog().log });

    const running = channel.start(async () => undefined);
    await channel.stop();

    await expect(running).resolves.toBeUndefined();
  });
});

describe('WeChat: login and logout', () => {
  it('an unexpected logout is logged; once logged back in, every admin with WeChat is told by direct message', async () => {
    const h = await bot({ start: new Date('2026-11-24T02:00:00Z') });

    await h.puppet.logout('kicked out by the server');
    expect(h.channelLog.lines().map((l) => l['msg'])).toContain('wechat: logged out unexpectedly; scan the QR code again to log back in (the admins are told once the bot is back)');
    h.harness.clock.set(new Date('2026-11-24T03:00:00Z'));
    h.mocker.login(h.botUser);

    const notice = t('wechat.relogged', { at: '11月24日 10:00', now: '11月24日 11:00', reason: 'kicked out by the server' });
    await vi.waitFor(() => expect(h.sent.filter((m) => m.text === notice).map((m) => m.chat).sort()).toEqual(['dm:lin-xiaoyan', 'dm:xu-wenbo']));
  });
});

import { describe, expect, it } from 'vitest';
import { typedIncoming, typedPress } from '../../src/channels/typed-incoming';
import { loadRoster } from '../../src/org/roster';

const roster = loadRoster('data/org.yaml');
const time = new Date('2026-11-24T09:00:00+08:00');

describe('typedIncoming', () => {
  it('reads @-mentions in a group line, and names the group as the chat', () => {
    expect(typedIncoming({ channel: 'console', senderId: 'lin-xiaoyan', personId: 'lin-xiaoyan', senderName: '林晓燕', chat: { kind: 'group', groupId: 'main' }, text: '@信用助手 @王芳 请报送', messageId: 'm1', time }, roster)).toEqual({
      kind: 'message',
      channel: 'console',
      chatId: 'main',
      chatType: 'group',
      groupId: 'main',
      senderId: 'lin-xiaoyan',
      personId: 'lin-xiaoyan',
      senderName: '林晓燕',
      text: '@王芳 请报送',
      mentionsBot: true,
      mentions: ['wang-fang'],
      messageId: 'm1',
      time,
    });
  });

  it('takes a direct line as typed, in the sender’s own direct chat', () => {
    expect(typedIncoming({ channel: 'simulate', senderId: 'stranger', chat: { kind: 'direct' }, text: '@信用助手 帮助', messageId: 'm2', time }, roster)).toEqual({
      kind: 'message',
      channel: 'simulate',
      chatId: 'dm:stranger',
      chatType: 'direct',
      senderId: 'stranger',
      text: '@信用助手 帮助',
      mentionsBot: false,
      mentions: [],
      messageId: 'm2',
      time,
    });
  });

  it('shapes a press as a card action from the chat the card was sent to', () => {
    expect(typedPress({ channel: 'simulate', senderId: 'wang-fang', personId: 'wang-fang', chat: { kind: 'direct' }, messageId: 'p1', time }, { cardMessageId: 'sim-1', value: '双公示' })).toEqual({
      kind: 'action',
      channel: 'simulate',
      chatId: 'dm:wang-fang',
      chatType: 'direct',
      senderId: 'wang-fang',
      personId: 'wang-fang',
      cardMessageId: 'sim-1',
      value: '双公示',
      messageId: 'p1',
      time,
    });
  });
});

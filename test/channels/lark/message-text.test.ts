import { describe, expect, it } from 'vitest';
import { messageText } from '../../../src/channels/lark/message-text';

const post = (content: unknown) => JSON.stringify(content);

describe('the words of a received Feishu message', () => {
  it('a text message is its text', () => {
    expect(messageText('text', JSON.stringify({ text: '@_user_1 双公示怎么填？' }))).toBe('@_user_1 双公示怎么填？');
  });

  it('a rich-text message is its title and paragraphs, links as their text, mentions as their keys', () => {
    const content = post({
      title: '关于本月报送',
      content: [
        [{ tag: 'at', user_id: '@_user_1', user_name: '信用助手' }, { tag: 'text', text: '双公示' }, { tag: 'text', text: '多久上报？' }],
        [{ tag: 'img', image_key: 'img_v3_x' }],
        [{ tag: 'text', text: '见 ' }, { tag: 'a', text: '通知', href: 'https://example.com' }],
      ],
    });

    expect(messageText('post', content)).toBe('关于本月报送\n@_user_1 双公示多久上报？\n见 通知');
  });

  it('has no words for an image, a sticker, a post of images only, or content that is not JSON', () => {
    expect(messageText('image', JSON.stringify({ image_key: 'img_v3_x' }))).toBeUndefined();
    expect(messageText('sticker', JSON.stringify({ file_key: 'f' }))).toBeUndefined();
    expect(messageText('post', post({ title: '', content: [[{ tag: 'img', image_key: 'img_v3_x' }]] }))).toBeUndefined();
    expect(messageText('text', '{not json')).toBeUndefined();
  });
});

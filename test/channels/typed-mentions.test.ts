import { describe, expect, it } from 'vitest';
import { parseTypedMentions } from '../../src/channels/typed-mentions';
import { loadRoster } from '../../src/org/roster';

const roster = loadRoster('data/org.yaml');

describe('parseTypedMentions', () => {
  it('removes the bot mention and reports it', () => {
    expect(parseTypedMentions('@信用助手 双公示多少天内上传？', roster)).toEqual({ text: '双公示多少天内上传？', mentionsBot: true, mentions: [] });
    expect(parseTypedMentions('＠信用助手双公示', roster)).toMatchObject({ text: '双公示', mentionsBot: true });
  });

  it('finds people by name even without a following space, and by id', () => {
    expect(parseTypedMentions('@王芳请报送 @he-jing 也是', roster)).toEqual({ text: '@王芳请报送 @he-jing 也是', mentionsBot: false, mentions: ['wang-fang', 'he-jing'] });
  });

  it('leaves unknown @words alone and keeps line breaks', () => {
    expect(parseTypedMentions('邮箱 a@b.com\n第二行', roster)).toEqual({ text: '邮箱 a@b.com\n第二行', mentionsBot: false, mentions: [] });
  });
});

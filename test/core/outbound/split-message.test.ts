import { describe, expect, it } from 'vitest';
import type { Outgoing } from '../../../src/model/message';
import { splitMessage, splitText } from '../../../src/core/outbound/split-message';

const to = { kind: 'group', groupId: 'main' } as const;

describe('splitText', () => {
  it('leaves a text within the limit whole, blank lines and all', () => {
    expect(splitText('第一行\n\n第二行', 20)).toEqual(['第一行\n\n第二行']);
  });

  it('breaks between lines, never inside one, filling each piece as far as it goes', () => {
    const rows = ['1. 商事登记科 96', '2. 社会事务科 90', '3. 建设管理科 85', '4. 体系建设科 80'];
    // Each row is 11 characters: two rows and their newline make 23, too long for 20.
    expect(splitText(rows.join('\n'), 20)).toEqual(rows);
    expect(splitText(rows.join('\n'), 23)).toEqual([`${rows[0]}\n${rows[1]}`, `${rows[2]}\n${rows[3]}`]);
  });

  it('cuts a single line longer than the limit at exactly the limit, never inside an emoji', () => {
    const line = `${'甲'.repeat(9)}😀${'乙'.repeat(10)}`;
    expect(splitText(`开头\n${line}\n结尾`, 10)).toEqual(['开头', `${'甲'.repeat(9)}😀`, '乙'.repeat(10), '结尾']);
  });

  it('drops the blank lines at a cut, so no piece starts or ends empty', () => {
    expect(splitText('第一段第一段\n\n\n第二段第二段', 8)).toEqual(['第一段第一段', '第二段第二段']);
  });
});

describe('splitText in UTF-8 bytes (WeCom)', () => {
  const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

  it('counts a Chinese character as three bytes: 100 rows of 26 bytes go as two messages of at most 2,048', () => {
    const rows = Array.from({ length: 100 }, (_, i) => `第${String(i).padStart(2, '0')}行：商事登记科`);
    const pieces = splitText(rows.join('\n'), { bytes: 2048 });
    expect(pieces.length).toBe(2);
    for (const piece of pieces) expect(bytes(piece)).toBeLessThanOrEqual(2048);
    expect(pieces.join('\n')).toBe(rows.join('\n'));
    // The first piece is as full as whole lines allow: one more line would not fit.
    expect(bytes(`${pieces[0]}\n${rows[pieces[0]!.split('\n').length]}`)).toBeGreaterThan(2048);
  });

  it('cuts a line longer than the limit between characters, never inside one', () => {
    const line = `ab${'甲'.repeat(4)}😀`;
    // a b = 2 bytes, 甲 = 3, 😀 = 4: 10 bytes take ab甲甲, then 甲甲😀.
    expect(splitText(line, { bytes: 10 })).toEqual(['ab甲甲', '甲甲😀']);
  });

  it('leaves a text of exactly the limit whole', () => {
    expect(splitText('甲'.repeat(682) + 'ab', { bytes: 2048 })).toHaveLength(1);
    expect(splitText('甲'.repeat(683), { bytes: 2048 })).toHaveLength(2);
  });
});

describe('splitMessage', () => {
  const long: Outgoing = { to, mentions: ['wang-fang'], content: { text: 'AAAA\nBBBB\nCCCC' }, idempotencyKey: 'outbox-1' };

  it('mentions only in the first piece and gives each piece its own idempotency key', () => {
    expect(splitMessage(long, 9)).toEqual([
      { to, mentions: ['wang-fang'], content: { text: 'AAAA\nBBBB' }, idempotencyKey: 'outbox-1#1' },
      { to, mentions: [], content: { text: 'CCCC' }, idempotencyKey: 'outbox-1#2' },
    ]);
  });

  it('sends as it is what fits, a card, or anything to a channel without a limit', () => {
    const card: Outgoing = { to, mentions: [], content: { card: { title: '很长的标题'.repeat(10), lines: ['x'.repeat(100)] } } };
    expect(splitMessage(long, 14)).toEqual([long]);
    expect(splitMessage(card, 9)).toEqual([card]);
    expect(splitMessage(long, undefined)).toEqual([long]);
  });
});

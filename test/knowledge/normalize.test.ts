import { describe, expect, it } from 'vitest';
import { cleanLines, collapseSpaces, toParagraphs } from '../../src/knowledge/normalize';

describe('cleaning PDF text', () => {
  it('removes spaces between characters but keeps them between Latin words', () => {
    expect(collapseSpaces('2022 年 4 月 29 日')).toBe('2022年4月29日');
    expect(collapseSpaces('15 个自然日内上传至 Google Calendar')).toBe('15个自然日内上传至Google Calendar');
  });

  it('drops page numbers and running headers', () => {
    const raw = ['— 14 —', '某某局文件', '正文第一段。', '某某局文件', '-3-', '正文第二段。', '某某局文件', '15'].join('\n');
    expect(cleanLines(raw)).toEqual(['正文第一段。', '正文第二段。']);
  });

  it('keeps a recurring tail of a sentence, which is no running header', () => {
    const raw = Array.from({ length: 3 }, (_, i) => `${i + 1}.任务${i + 1}。（牵头单位：区信用办；责任单位：领导小组有关成\n员单位）`).join('\n');
    expect(cleanLines(raw).filter((l) => l === '员单位）')).toHaveLength(3);
  });

  it('joins lines broken mid-sentence, and starts a paragraph at each clause', () => {
    const lines = ['一、总体要求', '（一）指导思想。坚持以党的', '十九届三中全会精神为指导，', '建立健全机制。', '1.落实“双公示”。应当在', '7 日内公示。'].map(collapseSpaces);
    expect(toParagraphs(lines)).toEqual(['一、总体要求', '（一）指导思想。坚持以党的十九届三中全会精神为指导，建立健全机制。', '1.落实“双公示”。应当在7日内公示。']);
  });
});

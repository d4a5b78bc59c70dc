import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../../src/knowledge/chunker';

describe('chunks follow the clause structure', () => {
  it('carries the heading path as it is cited', () => {
    const chunks = chunkDocument(['前言。', '三、监测分析内容', '（一）完善制度。', '2.提升“双公示”工作质量。15个自然日内上传。', '（1）细项。', '(二)分析评价。每月排名。', '四、保障措施']);
    expect(chunks.map((c) => c.path)).toEqual(['', '三、（一）', '三、（一）2', '三、（一）2（1）', '三、（二）']);
    expect(chunks[2]!.headings).toEqual(['三、监测分析内容', '（一）完善制度', '2.提升“双公示”工作质量']);
  });

  it('makes no passage of a heading alone: it answers nothing, and heads what follows', () => {
    const chunks = chunkDocument(['（二）基本原则', '1.坚持阳光行政。推进决策公开。']);
    expect(chunks).toEqual([{ path: '（二）1', headings: ['（二）基本原则', '1.坚持阳光行政'], text: '1.坚持阳光行政。推进决策公开。' }]);
  });

  it('splits a long clause at sentence ends', () => {
    const long = `1.${'各科室应当按时报送信用信息，确保数据准确完整。'.repeat(20)}`;
    const chunks = chunkDocument([long]);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((c) => c.text.length <= 240 && c.path === '1')).toBe(true);
    expect(chunks.slice(0, -1).every((c) => c.text.endsWith('。'))).toBe(true);
    expect(chunks.map((c) => c.text).join('')).toBe(long);
  });
});

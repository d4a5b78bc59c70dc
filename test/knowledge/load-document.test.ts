import { describe, expect, it } from 'vitest';
import { loadDocuments, parseDocument } from '../../src/knowledge/knowledge-base';
import { readDocumentText } from '../../src/knowledge/load-document';

describe('documents in every shipped format', () => {
  it('reads a text-layer PDF, a .docx and Markdown', async () => {
    const { documents, failures } = await loadDocuments('test/fixtures/docs');
    expect(failures).toEqual([]);
    const byFile = Object.fromEntries(documents.map((d) => [d.file, d]));
    const pdf = byFile['示例通知.pdf']!;
    expect(pdf.meta).toEqual({ title: '关于报送信用信息的通知', number: '示例信用办〔2024〕3号', date: undefined });
    expect(pdf.chunks.find((c) => c.path === '一、（一）')!.text).toBe('（一）报送时限。各科室应于每月10日前报送上月信用信息，逾期视为未报。');
    expect(byFile['信用修复通知.docx']!.chunks.find((c) => c.path === '一、（一）')!.text).toBe('（一）受理时限。收到信用修复申请后5个工作日内完成审核。');
    expect(byFile['报送指引.md']!.meta.title).toBe('示例区信用信息报送指引');
    expect(byFile['报送指引.md']!.chunks.at(-1)!.text).toBe('（一）月报。各科室每月15日前报送月报。');
  });

  it('reports an unreadable file and goes on with the others', async () => {
    const { documents, failures } = await loadDocuments('test/fixtures');
    expect(documents).toEqual([]);
    await expect(readDocumentText('test/fixtures/docs/missing.pdf')).rejects.toThrow();
    expect(failures).toEqual([]);
  });

  it('refuses a missing folder naming the variable', async () => {
    await expect(loadDocuments('/nonexistent/docs')).rejects.toThrow(/无法读取资料目录 \/nonexistent\/docs（ENOENT）；请检查环境变量 CREDIT_DOCS_DIR/);
  });
});

describe('the shipped documents', () => {
  it('have their title, number and date', async () => {
    const { documents } = await loadDocuments('data/docs');
    expect(documents.map((d) => d.meta)).toEqual([
      { title: '济南市历城区行政审批服务局落实信用状况监测工作实施方案', number: '济历城行审发〔2022〕2号', date: '2022年2月28日' },
      { title: '槐荫区2021年社会信用体系建设工作方案', number: undefined, date: undefined },
      { title: '济南市济阳区行政审批服务局2022年信用体系建设工作实施方案', number: '济阳行审字〔2022〕10号', date: '2022年4月29日' },
      { title: '莱芜区加快推进社会信用体系建设方案', number: undefined, date: '2020年3月27日' },
      { title: '莱芜区政务诚信建设工作实施方案', number: '莱芜区信用办〔2020〕20号', date: undefined },
    ]);
  });

  it('cite the 双公示 rule as 三、（一）2 of the 历城 plan, with the PDF spaces gone', async () => {
    const { documents } = await loadDocuments('data/docs');
    const licheng = documents[0]!;
    const chunk = licheng.chunks.find((c) => c.text.includes('15个自然日内上传至市信用信息共享平台'));
    expect(chunk?.path).toBe('三、（一）2');
    expect(licheng.chunks.some((c) => /—\s*\d+\s*—/.test(c.text))).toBe(false);
  });

  it('parse from text alone', () => {
    expect(parseDocument('x.txt', '关于某事的通知\n一、要求\n（一）按时报送。').chunks.map((c) => c.path)).toEqual(['', '一、（一）']);
  });
});

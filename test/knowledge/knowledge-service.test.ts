import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnowledgeService } from '../../src/knowledge/knowledge-service';
import { captureLog } from '../helpers/silent-logger';
import { tempDir } from '../helpers/temp-dir';

describe('KnowledgeService', () => {
  it('picks up a new document on reload, and reports one it cannot read', async () => {
    const dir = tempDir();
    copyFileSync('test/fixtures/docs/报送指引.md', path.join(dir, '报送指引.md'));
    const log = captureLog();
    const knowledge = await KnowledgeService.load({ docsDir: dir, synonymsFile: 'data/synonyms.yaml', log: log.log });
    expect((await knowledge.answer('信用修复申请几天内审核完？')).refused).toBe(true);
    copyFileSync('test/fixtures/docs/信用修复通知.docx', path.join(dir, '信用修复通知.docx'));
    writeFileSync(path.join(dir, '坏文件.pdf'), 'not a pdf');
    await knowledge.reload();
    expect(knowledge.kb.documents.map((d) => d.file)).toEqual(['信用修复通知.docx', '报送指引.md']);
    expect(knowledge.failures.map((f) => f.file)).toEqual(['坏文件.pdf']);
    expect(log.lines().find((l) => l.msg === 'document could not be read')).toMatchObject({ file: '坏文件.pdf' });
    const answer = await knowledge.answer('信用修复申请几天内审核完？');
    expect(answer.answer).toBe('根据《关于信用修复的通知》一、（一）：“（一）受理时限。收到信用修复申请后5个工作日内完成审核。”');
  });
});

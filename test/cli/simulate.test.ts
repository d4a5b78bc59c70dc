import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNpmScript } from '../helpers/run-cli';
import { tempDir } from '../helpers/temp-dir';

function script(lines: object[]): string {
  const file = path.join(tempDir(), 'script.jsonl');
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
  return file;
}

const jsonl = (stdout: string) => stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));

describe('npm run simulate', () => {
  it('prints the bot output as JSON lines and leaves no data behind', async () => {
    const file = script([
      { at: '2026-11-10T09:00:00+08:00', from: 'wang-fang', chat: 'group', text: '@信用助手' },
      { at: '2026-11-12T10:00:00+08:00' },
      { at: '2026-11-12T10:00:00+08:00', from: '林晓燕', chat: 'dm', text: 'whoami' },
    ]);
    const { code, stdout } = await runNpmScript('simulate', [file]);
    expect(code).toBe(0);
    const lines = jsonl(stdout);
    expect(lines).toEqual([
      { at: '2026-11-10T09:00:00+08:00', chat: 'group', mentions: ['wang-fang'], text: '您好，我是信用助手。发送「帮助」看看我能做什么。', messageId: expect.stringMatching(/^sim-/) },
      expect.objectContaining({ at: '2026-11-12T10:00:00+08:00', chat: 'dm:lin-xiaoyan', card: expect.objectContaining({ title: '我是谁' }) }),
    ]);
    expect(readFileSync('data/org.yaml', 'utf8')).toContain('示例区行政审批服务局');
  });

  it('keeps state in --data across two runs, as across a restart', async () => {
    const dataDir = tempDir();
    const first = script([{ at: '2026-11-10T09:00:00+08:00', from: 'wang-fang', chat: 'dm', text: '我是谁', id: 'evt-7' }]);
    const second = script([
      { at: '2026-11-10T09:01:00+08:00', from: 'wang-fang', chat: 'dm', text: '我是谁', id: 'evt-7' },
      { at: '2026-11-10T09:02:00+08:00', from: 'wang-fang', chat: 'dm', text: '我是谁', id: 'evt-8' },
    ]);
    expect(jsonl((await runNpmScript('simulate', [first, '--data', dataDir])).stdout)).toHaveLength(1);
    const again = jsonl((await runNpmScript('simulate', [second, '--data', dataDir])).stdout);
    expect(again.map((l) => l.at)).toEqual(['2026-11-10T09:02:00+08:00']);
    expect(Object.keys(JSON.parse(readFileSync(path.join(dataDir, 'db.json'), 'utf8')).seenMessages)).toEqual(['simulate|evt-7', 'simulate|evt-8']);
  });

  it('uses another roster with --org', async () => {
    const org = path.join(tempDir(), 'org.yaml');
    writeFileSync(org, readFileSync('data/org.yaml', 'utf8').replace('bot_name: 信用助手', 'bot_name: 小信'));
    const file = script([{ at: '2026-11-10T09:00:00+08:00', from: 'wang-fang', chat: 'group', text: '@小信' }]);
    expect(jsonl((await runNpmScript('simulate', [file, '--org', org])).stdout)[0].text).toContain('我是小信');
  });

  it('exits 1 with the line of a bad script, or the usage', async () => {
    const bad = script([{ at: '2026-11-10T09:00:00+08:00', from: 'wang-fang', chat: 'room', text: 'x' }]);
    const result = await runNpmScript('simulate', [bad]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/script\.jsonl 第 1 行，字段 chat：应为 "group"/);
    const usage = await runNpmScript('simulate', ['--nope']);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toContain('用法：npm run --silent simulate -- 脚本.jsonl');
  });
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { promptKeys, t } from '../src/prompts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

describe('prompts', () => {
  const code = [...sourceFiles('src'), ...sourceFiles('commands')].map((f) => readFileSync(f, 'utf8')).join('\n');
  const used = new Set([...code.matchAll(/\bt\('([\w.]+)'/g)].map((m) => m[1]!));

  it('has every key the code uses', () => {
    expect([...used].filter((k) => !promptKeys().includes(k))).toEqual([]);
  });

  it('has no key the code does not use', () => {
    expect(promptKeys().filter((k) => !used.has(k))).toEqual([]);
  });

  it('keeps every template whole: a bare " #" in YAML would silently cut it short', () => {
    const source = readdirSync('prompts').map((f) => readFileSync(path.join('prompts', f), 'utf8')).join('\n');
    const unquoted = source.split('\n').filter((l) => /^[\w.]+: [^"'].* #/.test(l));
    expect(unquoted).toEqual([]);
  });

  it('fills placeholders and refuses to show a missing one', () => {
    expect(t('chat.greeting', { bot: '信用助手' })).toBe('您好，我是信用助手。发送「帮助」看看我能做什么。');
    expect(() => t('chat.greeting')).toThrow(/needs \{bot\}/);
    expect(() => t('no.such.key')).toThrow(/not in/);
  });
});

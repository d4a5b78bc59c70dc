import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
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

  const templates: Record<string, string> = Object.assign({}, ...readdirSync('prompts').filter((f) => f.endsWith('.yaml')).map((f) => parse(readFileSync(path.join('prompts', f), 'utf8'))));

  it('addresses the user as 您 throughout, never 你 next to 您', () => {
    expect(Object.entries(templates).filter(([, text]) => text.includes('你'))).toEqual([]);
  });

  it('names no internal package to an admin: they are told what to ask for', () => {
    expect(Object.entries(templates).filter(([, text]) => /chinese-days|node_modules|tasks\.yaml|db\.json/.test(text))).toEqual([]);
  });

  it('fills placeholders and refuses to show a missing one', () => {
    expect(t('chat.greeting', { bot: '信用助手' })).toBe('您好，我是信用助手。发送「帮助」看看我能做什么。');
    expect(() => t('chat.greeting')).toThrow(/needs \{bot\}/);
    expect(() => t('no.such.key')).toThrow(/not in/);
  });
});

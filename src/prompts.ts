import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from './zod';

const PROMPTS_FILE = fileURLToPath(new URL('../prompts/messages.yaml', import.meta.url));

const templates: Record<string, string> = z
  .record(z.string(), z.string())
  .parse(parse(readFileSync(PROMPTS_FILE, 'utf8')));

/**
 * The user-facing sentence `key` from prompts/messages.yaml with its {placeholders} filled.
 * A missing key or variable is a programming error, so it throws rather than show "{name}".
 */
export function t(key: string, vars: Record<string, string | number> = {}): string {
  const template = templates[key];
  if (template === undefined) throw new Error(`prompt "${key}" is not in ${PROMPTS_FILE}`);
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`prompt "${key}" needs {${name}}`);
    return String(value);
  });
}

export function promptKeys(): string[] {
  return Object.keys(templates);
}

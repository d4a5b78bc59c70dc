import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from './zod';

const PROMPTS_DIR = fileURLToPath(new URL('../prompts/', import.meta.url));

/** Every `prompts/*.yaml` file merged; a key defined twice is a mistake worth stopping for. */
const templates: Record<string, string> = {};
for (const name of readdirSync(PROMPTS_DIR).filter((f) => f.endsWith('.yaml')).sort()) {
  const entries = z.record(z.string(), z.string()).parse(parse(readFileSync(path.join(PROMPTS_DIR, name), 'utf8')));
  for (const [key, value] of Object.entries(entries)) {
    if (key in templates) throw new Error(`prompt "${key}" is defined twice (again in ${name})`);
    templates[key] = value;
  }
}

/**
 * The user-facing sentence `key` from prompts/messages.yaml with its {placeholders} filled.
 * A missing key or variable is a programming error, so it throws rather than show "{name}".
 */
export function t(key: string, vars: Record<string, string | number> = {}): string {
  const template = templates[key];
  if (template === undefined) throw new Error(`prompt "${key}" is not in ${PROMPTS_DIR}`);
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`prompt "${key}" needs {${name}}`);
    return String(value);
  });
}

export function promptKeys(): string[] {
  return Object.keys(templates);
}

/** A list as a sentence says it: 专人、科室负责人或管理员. */
export function joinWithOr(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join('、')}${t('list.or')}${items.at(-1)}`;
}

import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { z } from 'zod';
import { StartupError } from './startup-error';
import { formatPath } from './zod-path';

/**
 * Reads a YAML data file and validates it with a zod schema. Every failure becomes a
 * StartupError that names the file, the line and the field, so whoever edits `data/*.yaml`
 * by hand can go straight to the mistake.
 */
export function loadYamlFile<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    throw new StartupError(`无法读取文件 ${file}：${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntaxError = doc.errors[0];
  if (syntaxError) {
    const line = lineCounter.linePos(syntaxError.pos[0]).line;
    throw new StartupError(`${file} 第 ${line} 行：YAML 格式错误（${syntaxError.code}）`);
  }
  const result = schema.safeParse(doc.toJS());
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const line = lineOf(doc, lineCounter, issue.path);
  const field = issue.path.length ? formatPath(issue.path) : '（根）';
  throw new StartupError(`${file} 第 ${line} 行，字段 ${field}：${issue.message}`);
}

/** The line of the deepest node that exists on the path (a missing field points at its parent). */
function lineOf(doc: Document, counter: LineCounter, path: readonly PropertyKey[]): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth) as unknown[], true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return 1;
}

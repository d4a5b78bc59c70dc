import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** The repository root; paths in the graph are relative to it (`src/core/bot.ts`). */
const ROOT = resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** A relative specifier as the bundler resolves it: `./x` → `x.ts` or `x/index.ts`. */
function resolveImport(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  return [base, `${base}.ts`, join(base, 'index.ts')].find((path) => path.endsWith('.ts') && existsSync(path));
}

/** The relative specifiers a module imports, re-exports or loads with `import()`, types included. */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, false);
  return importedFiles.map((imported) => imported.fileName).filter((specifier) => specifier.startsWith('.'));
}

/**
 * Every module under `folders` and the modules it imports (relative imports only). Type-only
 * imports count too: two modules whose types refer to each other cannot change apart.
 */
export function importGraph(folders: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of folders.flatMap((folder) => sourceFiles(join(ROOT, folder)))) {
    const targets = importsOf(file)
      .map((specifier) => resolveImport(file, specifier))
      .filter((path): path is string => path !== undefined)
      .map((path) => relative(ROOT, path));
    graph.set(relative(ROOT, file), [...new Set(targets)]);
  }
  return graph;
}

/** Each import cycle once, as the chain of modules that closes it (a → b → a). */
export function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (module: string): void => {
    state.set(module, 'open');
    path.push(module);
    for (const next of graph.get(module) ?? []) {
      if (state.get(next) === 'open') found.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(module, 'done');
  };
  for (const module of [...graph.keys()].sort()) if (!state.has(module)) visit(module);
  return found;
}

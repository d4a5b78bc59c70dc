import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { KnowledgeService } from '../knowledge/knowledge-service';
import type { Answer } from '../knowledge/knowledge-base';
import { createLogger } from '../logger';
import { StartupError } from '../startup-error';

const USAGE = '用法：npm run --silent ask -- [--json] ["问题"]；不写问题时从标准输入逐行读取问题';

/**
 * `npm run --silent ask -- --json "问题"`: one answer as JSON. Without a question, every line of
 * standard input is a question and gets one JSON line, so a whole eval set runs in one process.
 */
async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
  } catch (error) {
    throw new StartupError(`${(error as Error).message}\n${USAGE}`);
  }
  const config = loadConfig();
  const log = createLogger(process.env.LOG_LEVEL ? config.logLevel : 'warn', { kind: 'stderr' }, config.secrets);
  const knowledge = await KnowledgeService.load({ docsDir: config.docsDir, synonymsFile: config.synonymsFile, llm: config.llm, log });
  const print = (answer: Answer) => process.stdout.write(parsed.values.json ? `${JSON.stringify(answer)}\n` : `${answer.answer}\n\n`);
  const question = parsed.positionals.join(' ').trim();
  if (question) {
    print(await knowledge.answer(question));
    return;
  }
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.trim()) print(await knowledge.answer(line.trim()));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof StartupError ? error.message : String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { commandList } from '../commands/index';

/**
 * Every sentence a chat user reads lives in prompts/*.yaml. This test reads the string literals
 * of src/ and commands/ (comments and regular expressions aside) and fails on Chinese text that
 * is neither a word people type nor in one of the places below that are not the chat's wording.
 */

/** Words people type, kept in code because changing one changes behaviour, not wording. */
const TYPED_WORDS = new Set([
  // Command names and aliases (a button's value "says" them, e.g. `填报 双公示`).
  ...commandList.flatMap((c) => [c.name, ...c.aliases]),
  // Words that steer a form, and the answers to the form engine's own questions.
  ...['确认', '取消', '上一步', '完成', '是', '否', '执行命令', '作为回答', '放一边', '继续原来的'],
  // Sub-command and argument words: 积分 记录, 排名 发布, 本月, 11月.
  ...['记录', '待审', '汇总', '发布', '预览', '重新加载', '本月', '这个月', '上月', '上个月', '月'],
  // The console's own commands (/我是, /私聊 …).
  ...['我是', '私聊', '群聊', '名册', '退出'],
]);

/** Not chat wording: a spreadsheet font. */
const NOT_WORDING = new Set(['黑体']);

/** Whole files whose Chinese is a vocabulary to read answers with, or text only an operator reads at a terminal. */
const EXEMPT_FILES = new Set([
  // Vocabularies for reading what people type.
  'src/submissions/spoken-number.ts',
  'src/submissions/spoken-yes-no.ts',
  'src/knowledge/tokenizer.ts',
  'src/core/small-talk.ts',
  // Checks of the configuration files and the environment, shown when the bot refuses to start.
  'src/config.ts',
  'src/org/schema.ts',
  'src/org/identities.ts',
  'src/tasks/schema.ts',
  'src/tasks/formula.ts',
  'src/store/schema.ts',
  'src/store/lowdb-store.ts',
  'src/yaml-file.ts',
  'src/simulate/script.ts',
  // Command-line tools: usage lines and the benchmarks' reports.
  'src/cli/ask.ts',
  'src/cli/simulate.ts',
  'src/cli/bench-qa.ts',
  'src/cli/bench-scale.ts',
  // The scale benchmark's generated departments (names, answers) and what its people type.
  'src/bench/generate-department.ts',
  'src/bench/generate-history.ts',
  'src/bench/measure.ts',
  'src/bench/scale-child.ts',
]);

const CJK = /[\u3400-\u9fff]/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/** A startup error is read by whoever runs the bot, before any chat. */
function insideStartupError(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isNewExpression(n) && n.expression.getText() === 'StartupError') return true;
  }
  return false;
}

function isTypedWords(text: string): boolean {
  const words = text.split(/\s+/).filter((w) => CJK.test(w));
  return words.every((w) => TYPED_WORDS.has(w) || NOT_WORDING.has(w));
}

/** `file:line: text` for each Chinese literal that should be a prompt. */
function sentencesInCode(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      const text = node.text;
      if (CJK.test(text) && !isTypedWords(text) && !insideStartupError(node)) {
        found.push(`${file}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${text}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('sentences in code', () => {
  it('finds none: user-facing Chinese lives in prompts/*.yaml', () => {
    const files = [...sourceFiles('src'), ...sourceFiles('commands')].map((f) => f.split(path.sep).join('/'));
    const found = files.filter((f) => !EXEMPT_FILES.has(f)).flatMap((f) => sentencesInCode(f, readFileSync(f, 'utf8')));
    expect(found).toEqual([]);
    // A moved or renamed file must not keep its exemption by accident.
    expect([...EXEMPT_FILES].filter((f) => !files.includes(f))).toEqual([]);
  });

  it('catches a refusal, a table header and a summary written in code, but not typed words, regexes or comments', () => {
    const source = [
      "// 这是注释",
      "const refusal = `${n} 分不在 0.5 到 ${max} 之间`;",
      "const header = ['科室', '状态'];",
      "const command = { name: '填报', summary: '填报本月的监测材料' };",
      "const button = { value: `填报 ${task}` };",
      "const word = /^(取消|退出)$/;",
      "throw new StartupError(`数据文件 ${file} 无效`);",
    ].join('\n');
    expect(sentencesInCode('x.ts', source)).toEqual([
      'x.ts:2:  分不在 0.5 到 ',
      'x.ts:2:  之间',
      'x.ts:3: 科室',
      'x.ts:3: 状态',
      'x.ts:4: 填报本月的监测材料',
    ]);
  });
});

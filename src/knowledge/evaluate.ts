import { readFileSync } from 'node:fs';
import { z } from '../zod';
import type { Answer } from './knowledge-base';

const evalCase = z.object({
  q: z.string().min(1),
  doc: z.string().nullable(),
  facts: z.array(z.string()),
  kind: z.enum(['formal', 'colloquial', 'unanswerable']),
  /** What the question asks for (deadline, who_leads …) or why it cannot be answered (off_topic …): for the breakdown. */
  type: z.string().optional(),
});

export type EvalCase = z.output<typeof evalCase>;

export function loadEvalSet(file: string): EvalCase[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const parsed = evalCase.safeParse(JSON.parse(l));
      if (!parsed.success) throw new Error(`${file} line ${i + 1}: ${parsed.error.issues[0]!.message}`);
      return parsed.data;
    });
}

export interface EvalResult {
  case: EvalCase;
  answer: Answer;
  correct: boolean;
}

/**
 * Right means: for an answerable question, an answer (not a refusal) whose FIRST citation is the
 * expected document — the one a reader looks at — and that contains every expected fact; for an
 * unanswerable one, a refusal.
 */
export function judge(c: EvalCase, answer: Answer): boolean {
  if (c.doc === null) return answer.refused;
  if (answer.refused) return false;
  const text = answer.answer.replace(/\s/g, '');
  return answer.citations[0]?.doc === c.doc && c.facts.every((f) => text.includes(f));
}

export interface EvalSummary {
  answerable: number;
  answeredRight: number;
  unanswerable: number;
  refusedRight: number;
  failures: EvalResult[];
}

export function summarize(results: EvalResult[]): EvalSummary {
  const answerable = results.filter((r) => r.case.doc !== null);
  const unanswerable = results.filter((r) => r.case.doc === null);
  return {
    answerable: answerable.length,
    answeredRight: answerable.filter((r) => r.correct).length,
    unanswerable: unanswerable.length,
    refusedRight: unanswerable.filter((r) => r.correct).length,
    failures: results.filter((r) => !r.correct),
  };
}

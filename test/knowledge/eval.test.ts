import { describe, expect, it } from 'vitest';
import { judge, loadEvalSet, summarize } from '../../src/knowledge/evaluate';
import { shippedKnowledge } from '../helpers/bot-harness';

/**
 * Accuracy on the eval set (test/knowledge/eval-set.jsonl, written from the five documents).
 * The floors are the targets (≥ 95% answered right, ≥ 90% refused right), so a change that
 * makes answers worse fails here;
 * `npm run bench:qa` prints the figures against the targets, with a baseline.
 */
describe('policy Q&A on the eval set', () => {
  it('has enough questions, many colloquial, some unanswerable', () => {
    const cases = loadEvalSet('test/knowledge/eval-set.jsonl');
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(cases.filter((c) => c.kind === 'colloquial').length).toBeGreaterThanOrEqual(20);
    expect(cases.filter((c) => c.doc === null).length).toBeGreaterThanOrEqual(5);
  });

  it('answers with the right fact from the right document, and refuses what the documents do not answer', async () => {
    const kb = (await shippedKnowledge()).kb;
    const results = loadEvalSet('test/knowledge/eval-set.jsonl').map((c) => {
      const answer = kb.answer(c.q);
      return { case: c, answer, correct: judge(c, answer) };
    });
    const s = summarize(results);
    expect(s.answeredRight / s.answerable, s.failures.map((f) => f.case.q).join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(s.refusedRight / s.unanswerable).toBeGreaterThanOrEqual(0.9);
  });
});

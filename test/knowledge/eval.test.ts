import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { judge, loadEvalSet, summarize } from '../../src/knowledge/evaluate';
import { shippedKnowledge } from '../helpers/bot-harness';

/**
 * Accuracy on the dev set (test/knowledge/dev-set.jsonl): the questions the retrieval is tuned
 * on, so its floors (a little under today's 89% answered right, 93% refused right) only keep a
 * change from making known answers worse. The figure that counts is the frozen test set's, which
 * `npm run bench:qa` prints beside it; no test asserts on it or on the validation set's, so
 * nothing is ever tuned to pass them.
 */
describe('policy Q&A on the dev set', () => {
  it('has enough questions, many colloquial, some unanswerable', () => {
    const cases = loadEvalSet('test/knowledge/dev-set.jsonl');
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(cases.filter((c) => c.kind === 'colloquial').length).toBeGreaterThanOrEqual(20);
    expect(cases.filter((c) => c.doc === null).length).toBeGreaterThanOrEqual(5);
  });

  it('answers with the right fact from the right document, and refuses what the documents do not answer', async () => {
    const kb = (await shippedKnowledge()).kb;
    const results = loadEvalSet('test/knowledge/dev-set.jsonl').map((c) => {
      const answer = kb.answer(c.q);
      return { case: c, answer, correct: judge(c, answer) };
    });
    const s = summarize(results);
    expect(s.answeredRight / s.answerable, s.failures.map((f) => f.case.q).join('\n')).toBeGreaterThanOrEqual(0.87);
    expect(s.refusedRight / s.unanswerable).toBeGreaterThanOrEqual(0.9);
  });
});

describe.each([
  ['the frozen test set (test/knowledge/test-set.jsonl)', 'test/knowledge/test-set.jsonl'],
  ['the validation set (test/knowledge/validation-set.jsonl)', 'test/knowledge/validation-set.jsonl'],
])('%s, written blind from the documents', (_, file) => {
  const cases = loadEvalSet(file);

  it('has the size and mix issue 13 asks for: ≥ 150 questions, a third unanswerable, many colloquial', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    expect(cases.filter((c) => c.kind === 'colloquial').length).toBeGreaterThanOrEqual(cases.length * 0.4);
    expect(cases.filter((c) => c.doc === null).length).toBeGreaterThanOrEqual(cases.length / 3 - 1);
  });

  it('names real documents, and every fact is in its document (spaces aside, as PDF text breaks figures)', () => {
    const text = new Map(readdirSync('data/docs').map((f) => [f, readFileSync(`data/docs/${f}`, 'utf8').replace(/\s/g, '')]));
    const wrong = cases.filter((c) => c.doc !== null && (!text.has(c.doc) || !c.facts.every((f) => text.get(c.doc!)!.includes(f))));
    expect(wrong.map((c) => c.q)).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSpokenNumber } from '../../src/submissions/spoken-number';
import { readYesNo } from '../../src/submissions/spoken-yes-no';

/**
 * The frozen test set: 243 answers written blind — from the wording only, by someone who
 * had seen neither the reader nor its dev table (spoken-number.test.ts). It is never tuned on: a
 * miss here is reported, not fixed case by case. The floor guards against regressions.
 */
interface FrozenCase {
  input: string;
  field: 'integer' | 'yesno';
  expect: { value: number | boolean; approx: boolean } | 'ask' | 'reject';
}

const cases = readFileSync(new URL('./spoken-numbers.frozen.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as FrozenCase);

/** What the readers make of an answer, in the frozen set's terms. */
function outcome(c: FrozenCase): FrozenCase['expect'] {
  if (c.field === 'yesno') {
    const r = readYesNo(c.input);
    if (r.kind === 'answer') return { value: r.value, approx: false };
    return r.kind === 'none' ? 'reject' : 'ask';
  }
  const r = readSpokenNumber(c.input);
  if (r.kind === 'number') return { value: r.value, approx: r.approximate };
  return r.kind === 'none' || r.kind === 'too_long' ? 'reject' : 'ask';
}

describe('spoken numbers: the frozen blind test set', () => {
  it('reads at least 95% of the answers as meant, and never turns an ambiguous one into a number', () => {
    const misses = cases.filter((c) => JSON.stringify(outcome(c)) !== JSON.stringify(c.expect));
    const right = cases.length - misses.length;
    console.log(`frozen spoken-number set: ${right}/${cases.length} right (${((right / cases.length) * 100).toFixed(1)}%)`);
    for (const c of misses) console.log(`  miss: ${JSON.stringify(c.input)} expected ${JSON.stringify(c.expect)}, got ${JSON.stringify(outcome(c))}`);
    expect(cases.length).toBeGreaterThanOrEqual(150);
    // A guess where the person should have been asked is the costly error: it is saved silently.
    const guessed = misses.filter((c) => c.expect === 'ask' && typeof outcome(c) === 'object');
    expect(guessed.map((c) => c.input)).toEqual([]);
    expect(right / cases.length).toBeGreaterThanOrEqual(0.95);
  });
});

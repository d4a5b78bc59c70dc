import { describe, expect, it } from 'vitest';
import { evaluate, formulaInputs, parseFormula } from '../../src/tasks/formula';

const calc = (f: string, answers: Record<string, unknown>) => evaluate(parseFormula(f), answers);

describe('formulas', () => {
  it('computes rates with precedence and parentheses', () => {
    expect(calc('uploaded / decisions', { uploaded: 115, decisions: 120 })).toBeCloseTo(0.9583, 4);
    expect(calc('(uploaded - timely) / uploaded', { uploaded: 120, timely: 114 })).toBeCloseTo(0.05, 6);
    expect(calc('a + b * 2', { a: 1, b: 3 })).toBe(7);
    expect(calc('count(items)', { items: [{}, {}] })).toBe(2);
  });

  it('is not applicable over nothing or a missing answer', () => {
    expect(calc('a / b', { a: 0, b: 0 })).toBeNull();
    expect(calc('a / b', { a: 1 })).toBeNull();
    expect(calc('a / b', { a: 1, b: null })).toBeNull();
  });

  it('lists its inputs and explains a malformed formula', () => {
    expect(formulaInputs(parseFormula('(a - b) / c + count(l)'))).toEqual({ fields: ['a', 'b', 'c'], lists: ['l'] });
    expect(() => parseFormula('a /')).toThrow('公式不完整');
    expect(() => parseFormula('(a / b')).toThrow('缺少“)”');
    expect(() => parseFormula('a / b)')).toThrow('多余的“)”');
    expect(() => parseFormula('a % b')).toThrow('多余的“%”');
    expect(() => parseFormula('% b')).toThrow('无法识别“%”');
  });
});

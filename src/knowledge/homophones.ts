import { pinyin } from 'pinyin-pro';

/** Shorter words sound like too many others (公示/公式 are both real words) to be corrected safely. */
const MIN_TERM_LENGTH = 3;

/**
 * Typing Chinese by pinyin, people pick the wrong character of the right sound: 双公式 for 双公示,
 * 信意批 for 信易批. A stretch of the question that sounds exactly like a domain term (any reading of
 * each character, so 重 is zhong and chong) but is written otherwise is read as that term. Only
 * terms of three characters or more are corrected: shorter ones collide with ordinary words.
 */
export class HomophoneCorrector {
  readonly #terms: Array<{ term: string; readings: Array<Set<string>> }>;
  readonly #lengths: number[];
  readonly #readings = new Map<string, Set<string>>();

  constructor(terms: readonly string[]) {
    const unique = [...new Set(terms)].filter((term) => /^[\u4e00-\u9fff]+$/.test(term) && term.length >= MIN_TERM_LENGTH);
    this.#terms = unique.map((term) => ({ term, readings: [...term].map((char) => this.#readingsOf(char)) }));
    this.#lengths = [...new Set(unique.map((term) => term.length))].sort((a, b) => b - a);
  }

  /** The question with each stretch that sounds like a domain term written as that term. */
  correct(text: string): string {
    const chars = [...text];
    let out = '';
    for (let i = 0; i < chars.length; ) {
      const match = this.#termAt(chars, i);
      out += match ?? chars[i];
      i += match ? match.length : 1;
    }
    return out;
  }

  #termAt(chars: string[], start: number): string | undefined {
    for (const length of this.#lengths) {
      const window = chars.slice(start, start + length);
      if (window.length < length || !window.every((c) => /[\u4e00-\u9fff]/.test(c))) continue;
      const found = this.#terms.find(({ term, readings }) => term.length === length && readings.every((r, i) => [...this.#readingsOf(window[i]!)].some((p) => r.has(p))));
      if (found) return found.term;
    }
    return undefined;
  }

  #readingsOf(char: string): Set<string> {
    let readings = this.#readings.get(char);
    if (!readings) this.#readings.set(char, (readings = new Set(pinyin(char, { toneType: 'none', type: 'array', multiple: true }))));
    return readings;
  }
}

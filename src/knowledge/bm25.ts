export interface QueryTerm {
  term: string;
  /** 1 for the asker's own words, less for synonyms added by expansion. */
  weight: number;
}

export interface Hit<T> {
  item: T;
  score: number;
  /** Query terms found in the item, in any field. */
  matched: Set<string>;
}

interface Posting {
  item: number;
  /** Term frequency per field, in field order. */
  tf: number[];
}

/**
 * BM25F over a few weighted fields (a passage's text, its clause headings, its document title):
 * term frequencies are normalised per field, weighted, summed, then saturated once. Postings are
 * kept per term, so a query touches only the passages sharing a word with it.
 */
export class Bm25Index<T> {
  readonly #items: T[] = [];
  readonly #fields: string[];
  readonly #weights: number[];
  readonly #lengths: number[][] = [];
  readonly #avgLengths: number[];
  readonly #postings = new Map<string, Posting[]>();
  readonly #k1: number;
  readonly #b: number;

  constructor(entries: Array<{ item: T; fields: Record<string, string[]> }>, weights: Record<string, number>, k1 = 1.2, b = 0.75) {
    this.#fields = Object.keys(weights);
    this.#weights = this.#fields.map((f) => weights[f]!);
    this.#k1 = k1;
    this.#b = b;
    const totals = this.#fields.map(() => 0);
    entries.forEach(({ item, fields }, index) => {
      this.#items.push(item);
      const lengths = this.#fields.map((f) => fields[f]?.length ?? 0);
      lengths.forEach((l, i) => (totals[i]! += l));
      this.#lengths.push(lengths);
      const counts = new Map<string, number[]>();
      this.#fields.forEach((f, fi) => {
        for (const term of fields[f] ?? []) {
          const tf = counts.get(term) ?? this.#fields.map(() => 0);
          tf[fi]!++;
          counts.set(term, tf);
        }
      });
      for (const [term, tf] of counts) {
        const list = this.#postings.get(term) ?? [];
        list.push({ item: index, tf });
        this.#postings.set(term, list);
      }
    });
    this.#avgLengths = totals.map((t) => Math.max(1, t / Math.max(1, entries.length)));
  }

  get size(): number {
    return this.#items.length;
  }

  /** Inverse document frequency; 0 for a word no passage has. */
  idf(term: string): number {
    const df = this.#postings.get(term)?.length ?? 0;
    if (!df) return 0;
    return Math.log(1 + (this.#items.length - df + 0.5) / (df + 0.5));
  }

  search(query: QueryTerm[], limit: number): Array<Hit<T>> {
    const scores = new Map<number, { score: number; matched: Set<string> }>();
    for (const { term, weight } of query) {
      const postings = this.#postings.get(term);
      if (!postings) continue;
      const idf = this.idf(term);
      for (const { item, tf } of postings) {
        let weighted = 0;
        tf.forEach((count, fi) => {
          if (!count) return;
          const norm = 1 - this.#b + (this.#b * this.#lengths[item]![fi]!) / this.#avgLengths[fi]!;
          weighted += (this.#weights[fi]! * count) / norm;
        });
        const entry = scores.get(item) ?? { score: 0, matched: new Set<string>() };
        entry.score += weight * idf * ((weighted * (this.#k1 + 1)) / (weighted + this.#k1));
        entry.matched.add(term);
        scores.set(item, entry);
      }
    }
    return [...scores]
      .sort((a, b) => b[1].score - a[1].score || a[0] - b[0])
      .slice(0, limit)
      .map(([item, { score, matched }]) => ({ item: this.#items[item]!, score, matched }));
  }
}

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

/** A term's postings: the items that have it and each one's saturated, field-weighted frequency. */
interface Postings {
  items: Int32Array;
  saturated: Float32Array;
}

/**
 * BM25F over a few weighted fields (a passage's text, its clause headings, its document title):
 * term frequencies are normalised per field, weighted, summed, then saturated once. All of that
 * depends only on the corpus, so it is computed when the index is built; a query then costs one
 * multiply-add per posting, which keeps a common word cheap even in a corpus of 50,000 passages.
 */
export class Bm25Index<T> {
  readonly #items: T[];
  readonly #postings = new Map<string, Postings>();

  constructor(entries: Array<{ item: T; fields: Record<string, string[]> }>, weights: Record<string, number>, k1 = 1.2, b = 0.75) {
    this.#items = entries.map((e) => e.item);
    const fields = Object.keys(weights);
    const avg = fields.map((f) => Math.max(1, entries.reduce((n, e) => n + (e.fields[f]?.length ?? 0), 0) / Math.max(1, entries.length)));
    const building = new Map<string, { items: number[]; saturated: number[] }>();
    entries.forEach((entry, index) => {
      const weighted = new Map<string, number>();
      fields.forEach((f, fi) => {
        const tokens = entry.fields[f] ?? [];
        const norm = 1 - b + (b * tokens.length) / avg[fi]!;
        for (const term of tokens) weighted.set(term, (weighted.get(term) ?? 0) + weights[f]! / norm);
      });
      for (const [term, w] of weighted) {
        const list = building.get(term) ?? { items: [], saturated: [] };
        list.items.push(index);
        list.saturated.push((w * (k1 + 1)) / (w + k1));
        building.set(term, list);
      }
    });
    for (const [term, list] of building) this.#postings.set(term, { items: Int32Array.from(list.items), saturated: Float32Array.from(list.saturated) });
  }

  get size(): number {
    return this.#items.length;
  }

  /** Inverse document frequency; 0 for a word no passage has. */
  idf(term: string): number {
    const df = this.#postings.get(term)?.items.length ?? 0;
    if (!df) return 0;
    return Math.log(1 + (this.#items.length - df + 0.5) / (df + 0.5));
  }

  /** The best `limit` items; only a bounded top list is kept sorted. */
  search(query: QueryTerm[], limit: number): Array<Hit<T>> {
    const terms = query.slice(0, 32);
    const scores = new Float64Array(this.#items.length);
    const masks = new Uint32Array(this.#items.length);
    const touched: number[] = [];
    terms.forEach(({ term, weight }, qi) => {
      const postings = this.#postings.get(term);
      if (!postings) return;
      const factor = weight * this.idf(term);
      const { items, saturated } = postings;
      for (let i = 0; i < items.length; i++) {
        const item = items[i]!;
        if (masks[item] === 0) touched.push(item);
        scores[item]! += factor * saturated[i]!;
        masks[item]! |= 1 << qi;
      }
    });
    const better = (a: number, b: number) => scores[a]! > scores[b]! || (scores[a] === scores[b] && a < b);
    const top: number[] = [];
    for (const item of touched) {
      if (top.length === limit && !better(item, top[limit - 1]!)) continue;
      let at = top.length;
      while (at > 0 && better(item, top[at - 1]!)) at--;
      top.splice(at, 0, item);
      if (top.length > limit) top.pop();
    }
    return top.map((item) => ({
      item: this.#items[item]!,
      score: scores[item]!,
      matched: new Set(terms.filter((_, qi) => masks[item]! & (1 << qi)).map((q) => q.term)),
    }));
  }
}

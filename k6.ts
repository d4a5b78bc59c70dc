import { performance } from 'node:perf_hooks';
import { KnowledgeBase, loadDocuments } from './src/knowledge/knowledge-base';
import { loadSynonyms } from './src/knowledge/synonyms';
import { loadEvalSet } from './src/knowledge/evaluate';
const { documents } = await loadDocuments('data/docs');
const big = Array.from({ length: 100 }, () => documents.map((d) => ({ ...d }))).flat();
const kb = new KnowledgeBase(big, loadSynonyms('data/synonyms.yaml'));
const cases = loadEvalSet('test/knowledge/eval-set.jsonl');
const time = (f: () => void) => { const t = performance.now(); f(); return performance.now() - t; };
let s = 0, a = 0, c = 0, q = 0;
for (const x of cases) { q += time(() => kb.queryTerms(x.q)); s += time(() => kb.search(x.q, 8)); const hits = kb.search(x.q, 8); c += time(() => hits.forEach((h) => kb.coverage(x.q, h))); a += time(() => kb.answer(x.q)); }
console.log({ queryTerms: q / cases.length, search: s / cases.length, coverage8: c / cases.length, answer: a / cases.length });

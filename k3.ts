import { KnowledgeBase, loadDocuments } from './src/knowledge/knowledge-base';
import { loadSynonyms } from './src/knowledge/synonyms';
import { loadEvalSet } from './src/knowledge/evaluate';
const { documents } = await loadDocuments('data/docs');
const kb = new KnowledgeBase(documents, loadSynonyms('data/synonyms.yaml'));
for (const c of loadEvalSet('test/knowledge/eval-set.jsonl')) {
  const hits = kb.search(c.q, 5);
  const cov = Math.max(0, ...hits.map((h) => kb.coverage(c.q, h)));
  const right = hits.findIndex((h) => h.item.doc.file === c.doc);
  console.log((c.doc ? 'A' : 'U'), cov.toFixed(2), 'rightDocRank', right, c.q);
}

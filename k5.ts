import { KnowledgeBase, loadDocuments } from './src/knowledge/knowledge-base';
import { loadSynonyms } from './src/knowledge/synonyms';
const { documents } = await loadDocuments('data/docs');
const kb = new KnowledgeBase(documents, loadSynonyms('data/synonyms.yaml'));
for (const q of process.argv.slice(2)) {
  console.log('Q', q, kb.queryTerms(q).map((x) => x.term + (x.weight < 1 ? '~' : '')).join(' '));
  for (const h of kb.search(q, 4)) console.log('  ', h.score.toFixed(1), kb.coverage(q, h).toFixed(2), h.item.doc.file.slice(0, 6), h.item.chunk.path, h.item.chunk.text.slice(0, 60));
  console.log(' =>', kb.answer(q).answer.slice(0, 400));
}

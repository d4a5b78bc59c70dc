import { KnowledgeBase, loadDocuments } from './src/knowledge/knowledge-base';
import { loadSynonyms } from './src/knowledge/synonyms';
const { documents } = await loadDocuments('data/docs');
const kb = new KnowledgeBase(documents, loadSynonyms('data/synonyms.yaml'));
for (const q of process.argv.slice(2)) { const a = kb.answer(q); console.log('Q:', q, '\n', a.answer.slice(0, 260), '\n'); }

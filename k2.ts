import { KnowledgeBase, loadDocuments } from './src/knowledge/knowledge-base';
import { loadSynonyms } from './src/knowledge/synonyms';
import { judge, loadEvalSet, summarize } from './src/knowledge/evaluate';
const { documents } = await loadDocuments('data/docs');
const kb = new KnowledgeBase(documents, loadSynonyms('data/synonyms.yaml'));
const results = loadEvalSet('test/knowledge/eval-set.jsonl').map((c) => { const answer = kb.answer(c.q); return { case: c, answer, correct: judge(c, answer) }; });
const s = summarize(results);
console.log(`answerable ${s.answeredRight}/${s.answerable}  refused ${s.refusedRight}/${s.unanswerable}`);
for (const f of s.failures) console.log('✗', f.case.kind, f.case.q, '| want', f.case.doc?.slice(0, 6), f.case.facts.join(','), '| got', f.answer.refused ? 'REFUSED' : f.answer.citations.map((c) => c.doc.slice(0, 6) + ' ' + c.section + ' ' + c.quote.slice(0, 50)).join(' || '));

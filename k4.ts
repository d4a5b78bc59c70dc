import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { KnowledgeBase, loadDocuments } from './src/knowledge/knowledge-base';
import { loadSynonyms } from './src/knowledge/synonyms';
import { loadEvalSet } from './src/knowledge/evaluate';
import { Tokenizer } from './src/knowledge/tokenizer';
const { documents } = await loadDocuments('data/docs');
const syn = loadSynonyms('data/synonyms.yaml');
const tok = new Tokenizer(Object.keys(syn));
const kb = new KnowledgeBase(documents, syn, tok);
const corpus = documents.map((d) => d.chunks.map((c) => c.text).join('')).join('');
const j = Jieba.withDict(dict);
for (const c of loadEvalSet('test/knowledge/eval-set.jsonl')) {
  const absent = j.tag(c.q, true).filter(({ word }) => word.length >= 2 && tok.tokenize(word).length && !corpus.includes(word)).map(({ word, tag }) => `${word}/${tag}`);
  console.log(c.doc ? 'A' : 'U', absent.join(' '), '|', c.q.slice(0, 20));
}

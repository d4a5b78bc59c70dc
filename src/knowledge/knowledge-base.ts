import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { classifySmallTalk } from '../core/small-talk';
import { t } from '../prompts';
import { StartupError } from '../startup-error';
import { MEMBER_LIST, withoutBoilerplate } from './boilerplate';
import { chunkDocument, type Chunk } from './chunker';
import { dutyChunks, splitDutyTable } from './duty-table';
import { Bm25Index, type Hit, type QueryTerm } from './bm25';
import { readDocumentText, SUPPORTED_EXTENSIONS } from './load-document';
import { extractMeta, type DocumentMeta } from './metadata';
import { cleanLines, HEADING_MARKER, toParagraphs } from './normalize';
import type { Synonyms } from './synonyms';
import { DOMAIN_WORDS, Tokenizer } from './tokenizer';
import { HomophoneCorrector } from './homophones';
import { isMisuse } from './misuse';

export interface LoadedDocument {
  /** File name in the documents folder. */
  file: string;
  meta: DocumentMeta;
  chunks: Chunk[];
}

export interface Passage {
  doc: LoadedDocument;
  chunk: Chunk;
}

export interface Citation {
  doc: string;
  title: string;
  section: string;
  quote: string;
}

interface QuestionPart {
  /** The word as a search term. */
  whole: string;
  weight: number;
  /** Terms of the documents' wording for it (老赖 → 失信被执行人). */
  synonymTerms: string[];
}

interface RankedSentence {
  hit: Hit<Passage>;
  sentence: string;
  score: number;
}

export interface Answer {
  answer: string;
  refused: boolean;
  citations: Citation[];
}

/** Field weights: a word in a clause's heading or the document's title says more than one in its body. */
const FIELD_WEIGHTS = { body: 1, headings: 1.6, title: 0.6 };
/** Weight of words added by synonym expansion, against the asker's own words. */
const SYNONYM_WEIGHT = 0.6;
/** Share of the question's meaning (idf-weighted) the best passage must cover to be an answer. */
const MIN_COVERAGE = 0.4;
/** Questions about a document itself: its number (文号) or when it was issued. */
const ASKS_FOR_DOC_INFO = /文号|发文字号|哪天发|什么时候发|啥时候发|何时发|印发|发布日期|发文日期|落款日期/;
/** How distinctive (idf-weighted) the title words a question mentions must be to name a document: a district, not 年. */
const MIN_NAMING_SCORE = 3;
/** Questions a leading group's member list answers. */
const ASKS_FOR_MEMBERS = /组长|成员|领导小组/;
/** Questions about who is responsible or leads a task. */
const ASKS_FOR_OWNER = /牵头|哪个科|哪个部门|哪个单位|谁负责|谁管|谁来|谁抓|归谁|由谁|责任科室|责任单位/;
/** A clause's note of who leads it and who is responsible. */
const DUTY_NOTE = /^[（(](牵头|责任)/;
const OWNER_BONUS = 1.5;
const OFF_DUTY_WEIGHT = 0.5;
/** A sentence saying who does something: a duty note, or 体系科负责汇集和审核, 办公室设在区发改局. */
const NAMES_OWNER = /牵头|负责|责任科室|责任单位|设在/;
/** How much worse than the best a sentence from a clause with a duty note may match, to answer "who leads it". */
const OWNER_RATIO = 0.6;
/** A sentence naming who leads or is responsible. */
const DUTY_WORDS = /牵头单位|牵头科室|责任单位|责任科室|责任部门/;
/**
 * What a question's slot asks for (几篇, 多久, 几号, 比例), and how a sentence that fills it reads: a
 * count of that thing, a time allowed (15个自然日, 当月), a point in time (26日前, 2020年底), a share.
 */
const SLOTS: Array<{ asks: RegExp; fills: RegExp }> = [
  { asks: /几篇|多少篇/, fills: /[\d一二两三四五六七八九十]+\s*篇/ },
  { asks: /几次|多少次/, fills: /[\d一二两三四五六七八九十]+\s*次/ },
  {
    asks: /多久|多长时间|几天|多少天|几个工作日|几个自然日|几小时|多少小时/,
    fills: /[\d一二两三四五六七八九十]+\s*(?:个自然日|个工作日|日|天|小时|个月)|当月|当天|当日|次月|即时|立即/,
  },
  { asks: /几号|哪天|什么时候|啥时候|何时|最晚|最迟/, fills: /\d+\s*[日号]|\d{4}\s*年|年底|年末|月底|当月|次月|季度|上半年|下半年/ },
  { asks: /多少%|百分之|比例|权重|占比|比重|[\u4e00-\u9fa5]率(?!先)/, fills: /\d+(?:\.\d+)?\s*[%％]|百分之/ },
  { asks: /多少钱|多少元|罚多少|罚款多少|金额|多少万/, fills: /\d+(?:\.\d+)?\s*(?:元|万元|亿元|万)/ },
  { asks: /几年|多少年/, fills: /(?<!\d)[\d一二两三四五六七八九十]{1,2}\s*年(?!度)|年内/ },
  { asks: /多大|几岁|多少岁|年龄/, fills: /\d+\s*周?岁/ },
  { asks: /(?<![哪有])几点|几时/, fills: /\d+\s*[点时:：]/ },
  { asks: /多少字|几个字|字数/, fills: /\d+\s*字/ },
  { asks: /多少家|几家/, fills: /[\d一二两三四五六七八九十百千万]+\s*家/ },
  { asks: /多少分|几分/, fills: /[\d一二两三四五六七八九十]+\s*分(?!之)/ },
  { asks: /多少条|几条/, fills: /[\d一二两三四五六七八九十]+\s*条/ },
  { asks: /多少人|几个人|几人/, fills: /[\d一二两三四五六七八九十]+\s*(?:人|名)/ },
];
/** Questions about a deadline, a duration or a number. */
const ASKS_FOR_FIGURE = /多少|几|多久|多长|什么时候|啥时候|何时|哪天|截止|最晚|最迟|时限|期限|比例|达到/;
/** A number with what it counts: 15个自然日, 26日, 98%, 1篇. */
const FIGURE = /\d+\s*(个自然日|个工作日|日|天|小时|%|％|篇|次|项|分)/;
const FIGURE_BONUS = 1.3;
/**
 * Weight of the share of the question's character pairs a sentence contains: a tie-breaker
 * between sentences of the passages found, for wording that segmentation splits differently.
 */
const BIGRAM_WEIGHT = 10;
const ABSENT_NOUN_WEIGHT = 2;
const ABSENT_FRAGMENT_WEIGHT = 0.3;
/** A second document is shown when its best passage scores at least this share of the best. */
const SECOND_DOC_RATIO = 0.75;

/** Parses one document's text into its metadata and clause passages. */
export function parseDocument(file: string, text: string): LoadedDocument {
  const { body, title, rows } = splitDutyTable(text);
  const lines = cleanLines(body);
  return { file, meta: extractMeta(cleanLines(text), file), chunks: [...chunkDocument(toParagraphs(withoutBoilerplate(lines))), ...dutyChunks(title, rows)] };
}

/** Reads every supported document in a folder; one that cannot be read is reported, not fatal. */
export async function loadDocuments(dir: string): Promise<{ documents: LoadedDocument[]; failures: Array<{ file: string; error: string }> }> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new StartupError(`无法读取资料目录 ${dir}（${(error as NodeJS.ErrnoException).code ?? error}）；请检查环境变量 CREDIT_DOCS_DIR`);
  }
  const files = names.filter((f) => SUPPORTED_EXTENSIONS.includes(path.extname(f).toLowerCase())).sort();
  const documents: LoadedDocument[] = [];
  const failures: Array<{ file: string; error: string }> = [];
  for (const file of files) {
    try {
      documents.push(parseDocument(file, await readDocumentText(path.join(dir, file))));
    } catch (error) {
      failures.push({ file, error: String((error as Error)?.message ?? error) });
    }
  }
  return { documents, failures };
}

/**
 * The loaded policy documents as a searchable index, answering questions by quoting the clause
 * that answers them — or saying plainly that nothing in them does.
 */
export class KnowledgeBase {
  readonly documents: readonly LoadedDocument[];
  readonly #tokenizer: Tokenizer;
  readonly #synonyms: Synonyms;
  readonly #index: Bm25Index<Passage>;
  readonly #homophones: HomophoneCorrector;
  /** Each distinct title's words, and in how many distinct titles each word is. */
  readonly #titleWords = new Map<string, string[]>();
  readonly #titlesWith = new Map<string, number>();

  constructor(documents: LoadedDocument[], synonyms: Synonyms, tokenizer = new Tokenizer(Object.keys(synonyms))) {
    this.documents = documents;
    this.#synonyms = synonyms;
    this.#tokenizer = tokenizer;
    this.#homophones = new HomophoneCorrector([...DOMAIN_WORDS, ...Object.keys(synonyms), ...Object.values(synonyms).flat()]);
    const entries = documents.flatMap((doc) =>
      doc.chunks.map((chunk) => ({
        item: { doc, chunk },
        fields: {
          body: tokenizer.tokenize(chunk.text),
          headings: tokenizer.tokenize(chunk.headings.join(' ')),
          title: tokenizer.tokenize(doc.meta.title),
        },
      })),
    );
    this.#index = new Bm25Index(entries, FIELD_WEIGHTS);
    for (const title of new Set(documents.map((doc) => doc.meta.title))) {
      const words = [...new Set(tokenizer.tokenize(title))];
      this.#titleWords.set(title, words);
      for (const word of words) this.#titlesWith.set(word, (this.#titlesWith.get(word) ?? 0) + 1);
    }
  }

  get passageCount(): number {
    return this.#index.size;
  }

  /** The asker's words, plus the documents' words for how staff talk (weighted lower). */
  queryTerms(question: string): QueryTerm[] {
    const own = [...new Set(this.#tokenizer.tokenize(question))];
    const expanded = Object.entries(this.#synonyms)
      .filter(([spoken]) => (spoken.length > 1 ? question.includes(spoken) : own.some((word) => word.startsWith(spoken))))
      .flatMap(([, written]) => written.flatMap((w) => this.#tokenizer.tokenize(w)))
      .filter((term) => !own.includes(term));
    return [...own.map((term) => ({ term, weight: 1 })), ...[...new Set(expanded)].map((term) => ({ term, weight: SYNONYM_WEIGHT }))];
  }

  search(question: string, limit = 5): Array<Hit<Passage>> {
    return this.#index.search(this.queryTerms(this.#homophones.correct(question)), limit);
  }

  /**
   * The question's words for judging coverage, analysed once per question: each word once
   * (however jieba splits it) with its weight and the synonym terms that stand for it. A word no
   * document has weighs fully against; a noun no document mentions (公积金, 信用卡) double, since
   * the question is about something else; colloquial fragments jieba makes of verbs (能发, 办完)
   * little. Null when the question names a place, organisation or year no document mentions
   * (青岛's rules, 2025's deadlines): then nothing covers it.
   */
  #questionParts(question: string): QuestionPart[] | null {
    const maxIdf = Math.log(1 + this.#index.size);
    const parts: QuestionPart[] = [];
    for (const { word, terms, specific, noun } of this.#tokenizer.questionWords(question)) {
      // The whole word must be there: 年终 in 年终考核 does not answer a question about 年终奖.
      const whole = terms.includes(word.toLowerCase()) ? word.toLowerCase() : terms[0]!;
      const idf = this.#index.idf(whole);
      if (specific && idf === 0) return null;
      // A one-character word counts where a word starts with it (报 in 报完), not inside one: 天 (→ 日) is not in 今天.
      const synonyms = Object.entries(this.#synonyms).filter(([spoken]) => spoken.includes(word) || (spoken.length > 1 ? word.includes(spoken) : word.startsWith(spoken)));
      const weight = idf || (noun && !synonyms.length ? ABSENT_NOUN_WEIGHT : ABSENT_FRAGMENT_WEIGHT) * maxIdf;
      const synonymTerms = synonyms.flatMap(([, written]) => written.flatMap((w) => this.#tokenizer.tokenize(w)));
      parts.push({ whole, weight, synonymTerms });
    }
    return parts;
  }

  /** The idf-weighted share of the question's words a passage contains, directly or through a synonym. */
  #coverage(parts: QuestionPart[] | null, hit: Hit<Passage>): number {
    if (!parts) return 0;
    let total = 0;
    let covered = 0;
    for (const { whole, weight, synonymTerms } of parts) {
      total += weight;
      if (hit.matched.has(whole) || synonymTerms.some((x) => hit.matched.has(x))) covered += weight;
    }
    return total ? covered / total : 0;
  }

  /**
   * The extractive answer: among the sentences of the best passages, the one that shares the most
   * with the question, quoted with its document and clause — and the best one of a second
   * document when that one answers nearly as well (documents can disagree: 15 days vs 7).
   */
  answer(asked: string): Answer {
    // 收到, 好的, 谢谢 carry no question, and an attempt to misuse the bot none the documents answer.
    if (classifySmallTalk(asked) || isMisuse(asked)) return this.notFound();
    const question = this.#homophones.correct(asked);
    if (ASKS_FOR_DOC_INFO.test(question)) {
      const about = this.#documentNamed(question);
      if (about) return this.#docInfo(about);
    }
    // Already read for sound-alike terms above: search the index directly rather than correct it twice.
    // A question that names a district (槐荫要求…, 济阳审批局…) is about that district's documents.
    const named = this.#documentsOfDistrictsNamed(question);
    // Within those documents the words that name them (济阳, 行政审批服务局) are in every passage's
    // title: they cannot by themselves make a passage cover the question.
    const naming = new Set(named.flatMap((doc) => this.#namingWords(doc)));
    const terms = this.queryTerms(question);
    const found = named.length ? this.#index.search(terms, 60).filter((h) => named.includes(h.item.doc)) : this.#index.search(terms, 8);
    // A member list answers only who is in the group; to anything else it is a list of names.
    const hits = found.filter((h) => ASKS_FOR_MEMBERS.test(question) || !MEMBER_LIST.test(h.item.chunk.text)).slice(0, 8);
    const parts = this.#questionParts(question)?.filter((p) => !naming.has(p.whole)) ?? null;
    const covering = hits.filter((h) => this.#coverage(parts, h) >= MIN_COVERAGE);
    // The best passage itself must cover the question; weaker ones that do still add sentences.
    if (!hits[0] || covering[0] !== hits[0]) return this.notFound();
    // A lone character in common (天 of 今天, 日) is no evidence the question is about the documents.
    if (![...hits[0].matched].some((term) => term.length >= 2)) return this.notFound();
    const ranked = this.#rankSentences(covering, terms, {
      figure: ASKS_FOR_FIGURE.test(question),
      owner: ASKS_FOR_OWNER.test(question),
    }, question);
    // What is asked decides the sentence: "how many days" is answered by a sentence with days in it.
    // When no sentence of the passages found states that kind of figure, the documents set none.
    const slots = SLOTS.filter((slot) => slot.asks.test(question));
    const states = (r: RankedSentence) => slots.some((slot) => slot.fills.test(r.sentence));
    const best = slots.length === 0 || states(ranked[0]!) ? this.#ownerFirst(ranked, question, hits[0].item) : ranked.find(states);
    if (!best) return this.#noFigure(ranked[0]!, terms);
    const extra = this.#complement(best, ranked, question, terms);
    const citations = [this.#cite(best.hit, best.sentence, terms)];
    // "What happens / what does it cover" is often said by the sentence after the one naming the
    // subject: a short answer to such a question goes on with it.
    const next = slots.length === 0 && !ASKS_FOR_OWNER.test(question) && !extra ? nextSentence(best) : undefined;
    if (next && citations[0]!.quote.length < SHORT_QUOTE) citations[0]!.quote += trimQuote(next, terms);
    // "Who leads it" is answered by the clause's duty note, wherever the clause's text put it.
    const duty = ASKS_FOR_OWNER.test(question) ? dutyNoteOf(best.hit.item) : undefined;
    // A note cut by a page or passage break is quoted whole.
    if (duty && !citations[0]!.quote.includes(duty)) citations[0]!.quote = DUTY_NOTE.test(best.sentence) ? duty : `${citations[0]!.quote}……${duty}`;
    if (extra) {
      if (extra.hit.item.chunk.path === best.hit.item.chunk.path) citations[0]!.quote += `……${trimQuote(extra.sentence, terms)}`;
      else citations.push(this.#cite(extra.hit, extra.sentence, terms));
    }
    // Of the other documents answering nearly as well, one that sets a different figure matters most.
    const others = ranked.filter((r) => r.hit.item.doc.file !== best.hit.item.doc.file && r.score >= SECOND_DOC_RATIO * best.score);
    const other = others.find((r) => compareFigures(best.sentence, r.sentence) === 'differ') ?? others[0];
    if (other) citations.push(this.#cite(other.hit, other.sentence, terms));
    const lines = citations.map((c, i) => {
      const facts = { title: c.title, section: c.section, quote: c.quote };
      return i === 0 ? t('qa.according', facts) : t('qa.also', facts);
    });
    // Agreement or conflict is claimed only where both quotes state the same kind of figure.
    const verdict = other ? compareFigures(citations[0]!.quote, citations.at(-1)!.quote) : 'unrelated';
    if (verdict !== 'unrelated') lines.push(verdict === 'agree' ? t('qa.agree') : t('qa.differ'));
    return { answer: lines.join('\n'), refused: false, citations };
  }

  /**
   * A question in two parts (一个月报几篇？多久之内报？) may need a second sentence: one that asks
   * for two figures gets a sentence with another figure, one that lists several things gets a
   * sentence with the question words the best one lacks — from the same document, its own clause
   * cited when it is another.
   */
  #complement(best: RankedSentence, ranked: RankedSentence[], question: string, terms: QueryTerm[]): RankedSentence | undefined {
    const sameDoc = ranked.filter((r) => r.hit.item.doc.file === best.hit.item.doc.file && r.sentence !== best.sentence && !best.sentence.includes(r.sentence) && r.score >= 0.4 * best.score);
    const asked = SLOTS.filter((slot) => slot.asks.test(question));
    if (asked.length >= 2) {
      // Each slot (几篇, 多久 …) wants its own kind of figure; find the one the best sentence lacks.
      const lacking = asked.filter((slot) => !slot.fills.test(best.sentence));
      return sameDoc.find((r) => lacking.some((slot) => slot.fills.test(r.sentence)));
    }
    if (!/[，,、]|[？?].+[？?]/.test(question)) return undefined;
    const inBest = new Set(this.#tokenizer.tokenize(best.sentence));
    const missing = terms.filter((q) => q.weight === 1 && this.#index.idf(q.term) > 0 && !inBest.has(q.term));
    // The sentence that supplies most of what the best one lacks (idf-weighted).
    const supplied = (r: RankedSentence) => {
      const words = new Set(this.#tokenizer.tokenize(r.sentence));
      return missing.reduce((sum, q) => sum + (words.has(q.term) ? this.#index.idf(q.term) : 0), 0);
    };
    const candidates = sameDoc.map((r) => ({ r, gain: supplied(r) })).filter((c) => c.gain > 0);
    return candidates.sort((a, b) => b.gain - a.gain)[0]?.r;
  }

  /**
   * "Who leads it" is answered from a clause that names its units: the clause of the passage that
   * matches the question best, when it has a duty note; else the best sentence whose clause has
   * one, unless it matches the question much worse than the best one.
   */
  #ownerFirst(ranked: RankedSentence[], question: string, top: Passage): RankedSentence {
    if (!ASKS_FOR_OWNER.test(question)) return ranked[0]!;
    if (dutyNoteOf(top)) {
      const inTop = ranked.find((r) => r.hit.item.doc === top.doc && r.hit.item.chunk.path === top.chunk.path);
      if (inTop) return inTop;
    }
    const withDuty = ranked.find((r) => r.score >= OWNER_RATIO * ranked[0]!.score && (NAMES_OWNER.test(r.sentence) || dutyNoteOf(r.hit.item)));
    return withDuty ?? ranked[0]!;
  }

  /** Every sentence of the given passages, best first: question words in it count fully, in its clause headings half. */
  #rankSentences(hits: Array<Hit<Passage>>, terms: QueryTerm[], wants: { figure: boolean; owner: boolean }, question: string): RankedSentence[] {
    const topScore = hits[0]?.score ?? 1;
    const grams = charBigrams(question);
    return hits
      .flatMap((hit) => {
        const headingWords = new Set(this.#tokenizer.tokenize(hit.item.chunk.headings.join(' ')));
        const title = hit.item.chunk.headings.at(-1) ?? '';
        return withFollowers(splitSentences(hit.item.chunk.text), hit.item.chunk).map((sentence) => {
          // The clause's headings are context every sentence shares (half weight); a title echoing the
          // question gets no more than that, so it does not outrank the sentence that answers it.
          const body = title && sentence.startsWith(title) ? sentence.slice(title.length) : sentence;
          const words = new Set(this.#tokenizer.tokenize(body));
          const overlap = terms.reduce((sum, q) => sum + q.weight * this.#index.idf(q.term) * (words.has(q.term) ? 1 : headingWords.has(q.term) ? 0.5 : 0), 0);
          // "How long / by when / how many" is answered by a sentence with a number in it, "who leads
          // it" by the clause's duty note (（牵头单位：…）).
          const figure = wants.figure && FIGURE.test(sentence) ? FIGURE_BONUS : 1;
          // A duty note answers who and by when, nothing else: for other questions it is a list of names.
          const owner = !DUTY_NOTE.test(sentence) ? 1 : wants.owner ? OWNER_BONUS : wants.figure ? 1 : OFF_DUTY_WEIGHT;
          // The passage's own rank breaks ties between equally matching sentences.
          const shared = grams.size ? [...grams].filter((g) => body.includes(g)).length / grams.size : 0;
          return { hit, sentence, score: overlap * figure * owner + BIGRAM_WEIGHT * shared + 0.5 * (hit.score / topScore) };
        });
      })
      .sort((a, b) => b.score - a.score);
  }

  #cite(hit: Hit<Passage>, sentence: string, terms: QueryTerm[]): Citation {
    const { doc, chunk } = hit.item;
    return { doc: doc.file, title: doc.meta.title, section: chunk.path || t('qa.preamble'), quote: trimQuote(sentence.trim(), terms) };
  }

  /**
   * The document a question names: the one whose distinctive title words (idf-weighted) it
   * contains most; a district may be named without 区 (济阳 for 济阳区).
   */
  #documentNamed(question: string): LoadedDocument | undefined {
    const named = (word: string) => question.includes(word) || (/[区市县]$/.test(word) && word.length > 2 && question.includes(word.slice(0, -1)));
    const scored = this.documents.map((doc) => ({
      doc,
      score: [...new Set(this.#tokenizer.tokenize(doc.meta.title))].filter(named).reduce((sum, w) => sum + this.#index.idf(w), 0),
    }));
    const best = scored.sort((a, b) => b.score - a.score)[0];
    return best && best.score >= MIN_NAMING_SCORE ? best.doc : undefined;
  }

  /** The words of a document's title that tell it from most others: its district and agency, not 信用 or 方案. */
  #namingWords(doc: LoadedDocument): string[] {
    return this.#titleWords.get(doc.meta.title)!.filter((word) => this.#titlesWith.get(word)! <= 2);
  }

  /** The documents of the districts a question names (槐荫要求…, 莱芜这边…: 莱芜 has two). */
  #documentsOfDistrictsNamed(question: string): LoadedDocument[] {
    return this.documents.filter((doc) => {
      const district = districtOf(doc.meta.title);
      return district !== undefined && question.includes(district);
    });
  }

  /** 文号 and date, from the document's own head. */
  #docInfo(doc: LoadedDocument): Answer {
    const facts = [doc.meta.number ? t('qa.info_number', { number: doc.meta.number }) : t('qa.info_no_number'), doc.meta.date ? t('qa.info_date', { date: doc.meta.date }) : t('qa.info_no_date')];
    const quote = facts.join('；');
    return { answer: t('qa.info', { title: doc.meta.title, facts: quote }), refused: false, citations: [{ doc: doc.file, title: doc.meta.title, section: t('qa.info_section'), quote }] };
  }

  /**
   * The documents speak of what was asked but set no figure for it (no deadline, no number): say
   * so, with what they do say, rather than quote a figure about something else.
   */
  #noFigure(closest: RankedSentence, terms: QueryTerm[]): Answer {
    const citation = this.#cite(closest.hit, closest.sentence, terms);
    const said = t('qa.according', { title: citation.title, section: citation.section, quote: citation.quote });
    return { answer: [t('qa.no_figure'), said].join('\n'), refused: true, citations: [citation] };
  }

  /** An honest refusal in two lines: nothing found and what to try; 「资料」 lists the documents. */
  notFound(): Answer {
    return { answer: [t('qa.not_found'), t('qa.loaded_documents', { count: this.documents.length })].join('\n'), refused: true, citations: [] };
  }
}

/** The district a document's title is of (济南市历城区… → 历城), as staff name it: without 区. */
function districtOf(title: string): string | undefined {
  return /^(?:[\u4e00-\u9fa5]{2}市)?([\u4e00-\u9fa5]{2})区/.exec(title)?.[1];
}

/**
 * How two quotes compare: they agree when every kind of figure both state (days, percentages …)
 * has the same value in each, differ when one does not ("15个自然日" against "7日"), and are
 * unrelated when they state no figure of the same kind — two clauses on different things, where
 * neither agreement nor conflict may be claimed.
 */
function compareFigures(a: string, b: string): 'agree' | 'differ' | 'unrelated' {
  const [x, y] = [figuresByKind(a), figuresByKind(b)];
  const shared = [...x.keys()].filter((kind) => y.has(kind));
  if (shared.length === 0) return 'unrelated';
  return shared.every((kind) => [...x.get(kind)!].some((f) => y.get(kind)!.has(f))) ? 'agree' : 'differ';
}

/** A figure and its unit; the unit says what kind of fact it states. */
const KINDED_FIGURE = /(\d+)\s*(个自然日|个工作日|小时|日内|天|日前|日|号|%|％|篇|次|项|分)/g;
const FIGURE_KIND: Record<string, string> = { 个自然日: 'duration', 个工作日: 'duration', 小时: 'duration', 日内: 'duration', 天: 'duration', 日前: 'day', 日: 'day', 号: 'day', '％': '%' };

/** The figures a quote states, by kind: a time allowed (7日内, 15个自然日), a day of the month (25日前), a share, a count. */
function figuresByKind(text: string): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const [, value, unit] of text.matchAll(KINDED_FIGURE)) {
    const kind = FIGURE_KIND[unit!] ?? unit!;
    // 7日内 and 7天 are one figure (plain days); 15个自然日 and 15个工作日 are not.
    const figure = /^(?:日内|天)$/.test(unit!) ? `${value} days` : kind === 'day' ? value! : `${value}${unit}`;
    map.set(kind, (map.get(kind) ?? new Set()).add(figure));
  }
  return map;
}

/**
 * The duty note of a passage's clause (（牵头单位：…；责任单位：…）): in the passage, or in another
 * passage of the same clause when a long clause or a page break cut it off. Its parts are joined
 * again when a page break split the note itself.
 */
function dutyNoteOf(passage: Passage): string | undefined {
  const clause = clauseText(passage);
  const start = clause.search(/[（(](?:牵头|责任)/);
  if (start < 0) return undefined;
  const note = clause.slice(start, closingBracket(clause, start) + 1);
  return DUTY_WORDS.test(note) ? note : undefined;
}

/** The question's pairs of adjacent Chinese characters: they match a sentence where segmentation differs (刷单 / 恶意刷单). */
function charBigrams(text: string): Set<string> {
  const han = text.replace(/[^\u4e00-\u9fa5]/g, '');
  return new Set(Array.from({ length: Math.max(0, han.length - 1) }, (_, i) => han.slice(i, i + 2)));
}

/** The whole text of a passage's clause: a long clause, or one a page break cut, is several passages. */
function clauseText(passage: Passage): string {
  return passage.doc.chunks.filter((chunk) => chunk.path === passage.chunk.path).map((chunk) => chunk.text).join('');
}

/** The sentence after a ranked one in its clause (a long clause is several passages), if any. */
function nextSentence(ranked: RankedSentence): string | undefined {
  const sentences = withFollowers(splitSentences(clauseText(ranked.hit.item)), ranked.hit.item.chunk);
  const at = sentences.indexOf(ranked.sentence);
  // A title quoted with its follower is followed by that follower again: skip what is quoted.
  const next = at >= 0 ? sentences.slice(at + 1).find((x) => !ranked.sentence.includes(x)) : undefined;
  return next && !DUTY_NOTE.test(next) ? next : undefined;
}

/**
 * A clause title alone ("5.开展统一社会信用代码重错码清理。") repeats the question rather than
 * answering it: such a sentence is quoted together with the one after it.
 */
function withFollowers(sentences: string[], chunk: Chunk): string[] {
  return sentences.map((sentence, i) => {
    const isTitle = sentence.length < 30 && (HEADING_MARKER.test(sentence) || chunk.headings.some((h) => sentence.startsWith(h)));
    return isTitle && sentences[i + 1] ? `${sentence}${sentences[i + 1]}` : sentence;
  });
}

/** Sentences, keeping a clause's parenthesised duties (（责任科室：…；完成时限：…）) apart from its body. */
function splitSentences(text: string): string[] {
  const parts = text.split(/(?=[（(](?:责任|牵头|完成时限))/);
  return parts
    .flatMap((part) => {
      // A duty note is one sentence however many ； it has: its end is its closing bracket.
      if (DUTY_NOTE.test(part) || /^[（(]完成时限/.test(part)) {
        const end = closingBracket(part, 0);
        const note = part.slice(0, end + 1);
        return [note, ...(part.slice(end + 1).match(/[^。；！？]+[。；！？）)]?/g) ?? [])];
      }
      return part.match(/[^。；！？]+[。；！？）)]?/g) ?? [part];
    })
    .map((x) => x.trim())
    .filter((x) => x.length > 1);
}

/** Where the bracket opened at `start` closes (nested ones included), or the text's end. */
function closingBracket(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (/[（(]/.test(text[i]!)) depth++;
    else if (/[）)]/.test(text[i]!) && --depth === 0) return i;
  }
  return text.length - 1;
}

const MAX_QUOTE = 150;
/** A quote shorter than this may leave out what a "what / what happens" question asks: the next sentence is added. */
const SHORT_QUOTE = 80;

/** A long sentence is quoted around the stretch that holds the most of the question's words (and its figure). */
function trimQuote(sentence: string, terms: QueryTerm[]): string {
  if (sentence.length <= MAX_QUOTE) return sentence;
  const marks = [
    ...terms.flatMap((q) => [...sentence.matchAll(new RegExp(escapeRegExp(q.term), 'g'))].map((m) => m.index)),
    ...[...sentence.matchAll(new RegExp(FIGURE.source, 'g'))].map((m) => m.index),
  ];
  let start = 0;
  let best = -1;
  for (const mark of marks) {
    const from = Math.max(0, Math.min(mark - 20, sentence.length - MAX_QUOTE));
    const inside = marks.filter((m) => m >= from && m < from + MAX_QUOTE).length;
    if (inside > best) {
      best = inside;
      start = from;
    }
  }
  return `${start > 0 ? '……' : ''}${sentence.slice(start, start + MAX_QUOTE)}${start + MAX_QUOTE < sentence.length ? '……' : ''}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

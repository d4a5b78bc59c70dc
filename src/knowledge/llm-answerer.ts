import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type OpenAI from 'openai';
import type { Hit } from './bm25';
import type { Answer, Citation, Passage } from './knowledge-base';

/** The OpenAI-compatible server that writes answers (set from OPENAI_* in config.ts). */
export interface LlmConfig {
  apiKey: string;
  baseURL?: string;
  model: string;
  timeoutMs: number;
}

const SYSTEM_PROMPT = readFileSync(fileURLToPath(new URL('../../prompts/qa-system.md', import.meta.url)), 'utf8');
const REWRITE_PROMPT = readFileSync(fileURLToPath(new URL('../../prompts/qa-rewrite.md', import.meta.url)), 'utf8');
/** A rewritten question longer than this is not a search query but the model talking. */
const MAX_REWRITE_LENGTH = 120;

/**
 * Answers from the retrieved passages with any OpenAI-compatible chat model. The question and the
 * passages travel as JSON data in the user message, never spliced into the instructions, so text
 * inside them cannot change the rules. The reply must cite passages by number; a reply citing
 * none, or one it was not given, is not trusted.
 */
export class LlmAnswerer {
  readonly #config: LlmConfig;
  #client: Promise<OpenAI> | undefined;
  readonly #model: string;

  constructor(config: LlmConfig) {
    this.#config = config;
    this.#model = config.model;
  }

  /** The client, its library loaded at the first question: a bot without a model never holds it in memory. */
  #openai(): Promise<OpenAI> {
    const { apiKey, baseURL, timeoutMs } = this.#config;
    this.#client ??= import('openai').then(({ default: OpenAI }) => new OpenAI({ apiKey, baseURL, timeout: timeoutMs, maxRetries: 0 }));
    return this.#client;
  }

  /**
   * The question in the documents' own words, for searching them (传上去 → 上传/报送), or undefined
   * when the model judges it has nothing to do with the documents' subject. The rewrite only steers
   * the search; it is never shown, and the answer still comes from the passages found. Throws on any
   * failure.
   */
  async rewrite(question: string): Promise<string | undefined> {
    const completion = await (await this.#openai()).chat.completions.create({
      model: this.#model,
      temperature: 0,
      messages: [
        { role: 'system', content: REWRITE_PROMPT },
        { role: 'user', content: JSON.stringify({ question }) },
      ],
    });
    const text = completion.choices[0]?.message?.content?.trim() ?? '';
    if (/^OFF_TOPIC\b/.test(text)) return undefined;
    if (!text || text.length > MAX_REWRITE_LENGTH || text.includes('\n')) throw new Error(`rewrite is not one short line (${text.length} characters)`);
    return text;
  }

  /** The model's answer with its citations, or undefined when it found nothing in the passages. Throws on any failure. */
  async answer(question: string, hits: Array<Hit<Passage>>): Promise<Answer | undefined> {
    const passages = hits.map((h, i) => ({
      n: i + 1,
      document: h.item.doc.meta.title,
      clause: h.item.chunk.path,
      text: h.item.chunk.text,
    }));
    const completion = await (await this.#openai()).chat.completions.create({
      model: this.#model,
      temperature: 0,
      messages: [
        { role: 'system', content: SYSTEM_PROMPT },
        { role: 'user', content: JSON.stringify({ question, passages }) },
      ],
    });
    const text = completion.choices[0]?.message?.content?.trim() ?? '';
    if (!text) throw new Error('empty completion');
    if (/^NOT_FOUND\b/.test(text)) return undefined;
    const cited = [...new Set([...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])))];
    if (!cited.length || cited.some((n) => n < 1 || n > passages.length)) throw new Error(`completion cites ${cited.join(',') || 'nothing'} of ${passages.length} passages`);
    const citations: Citation[] = cited.map((n) => {
      const hit = hits[n - 1]!;
      return { doc: hit.item.doc.file, title: hit.item.doc.meta.title, section: hit.item.chunk.path, quote: hit.item.chunk.text.slice(0, 150) };
    });
    const sources = cited.map((n) => `[${n}]《${passages[n - 1]!.document}》${passages[n - 1]!.clause}`);
    return { answer: [text, ...sources].join('\n'), refused: false, citations };
  }
}

import type { Logger } from '../logger';
import { KnowledgeBase, loadDocuments, type Answer } from './knowledge-base';
import { LlmAnswerer, type LlmConfig } from './llm-answerer';
import { loadSynonyms } from './synonyms';

export interface KnowledgeOptions {
  docsDir: string;
  synonymsFile: string;
  llm?: LlmConfig;
  log: Logger;
}

/**
 * The bot's policy knowledge: the documents folder indexed, reloadable while running, answering
 * with the language model when one is configured and falling back to the extractive answer when
 * it fails or is slow.
 */
export class KnowledgeService {
  #kb: KnowledgeBase;
  #failures: Array<{ file: string; error: string }>;
  readonly #options: KnowledgeOptions;
  readonly #llm: LlmAnswerer | undefined;

  private constructor(options: KnowledgeOptions, kb: KnowledgeBase, failures: Array<{ file: string; error: string }>) {
    this.#options = options;
    this.#kb = kb;
    this.#failures = failures;
    this.#llm = options.llm ? new LlmAnswerer(options.llm) : undefined;
  }

  static async load(options: KnowledgeOptions): Promise<KnowledgeService> {
    const { kb, failures } = await build(options);
    return new KnowledgeService(options, kb, failures);
  }

  get kb(): KnowledgeBase {
    return this.#kb;
  }

  /** Documents that could not be read at the last load. */
  get failures(): ReadonlyArray<{ file: string; error: string }> {
    return this.#failures;
  }

  get usesLlm(): boolean {
    return this.#llm !== undefined;
  }

  /** Reads the folder again (资料 重新加载); the old index serves until the new one is ready. */
  async reload(): Promise<void> {
    const { kb, failures } = await build(this.#options);
    this.#kb = kb;
    this.#failures = failures;
  }

  /**
   * The extractive answer, or with a model: when the question's own words find nothing, the model
   * rewrites it in the documents' terms (or judges it off the subject) and the search runs again;
   * then the model writes the answer from the passages found. Nothing found either way is said so
   * rather than guessed; a failing or slow model leaves the extractive answer.
   */
  async answer(question: string): Promise<Answer> {
    const extractive = this.#kb.answer(question);
    if (!this.#llm) return extractive;
    let query = question;
    let found = extractive;
    if (extractive.refused) {
      const rewritten = await this.#rewrite(question);
      if (rewritten === undefined) return extractive;
      found = this.#kb.answer(rewritten);
      if (found.refused) return extractive;
      query = rewritten;
    }
    try {
      return (await this.#llm.answer(question, this.#kb.search(query, 5))) ?? this.#kb.notFound();
    } catch (error) {
      this.#options.log.warn({ err: error }, 'language model answer failed; using the extractive answer');
      return found;
    }
  }

  async #rewrite(question: string): Promise<string | undefined> {
    try {
      return await this.#llm!.rewrite(question);
    } catch (error) {
      this.#options.log.warn({ err: error }, 'language model rewrite failed; searching with the question as asked');
      return undefined;
    }
  }
}

async function build(options: KnowledgeOptions) {
  const { documents, failures } = await loadDocuments(options.docsDir);
  for (const f of failures) options.log.warn({ file: f.file, error: f.error }, 'document could not be read');
  return { kb: new KnowledgeBase(documents, loadSynonyms(options.synonymsFile)), failures };
}

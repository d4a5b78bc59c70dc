import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

/** Terms of the trade jieba's general dictionary would cut in two (双公示 → 双 / 公示). */
export const DOMAIN_WORDS = [
  '双公示', '信易批', '信易+', '重错码', '失信被执行人', '红黑名单', '红名单', '黑名单', '信用动态', '信用修复', '异议处理',
  '联合奖惩', '信用核查', '体系科', '体系建设科', '市信用平台', '自然日', '工作日', '机关信用积分', '信用积分', '信用承诺',
  '履约践诺', '统一社会信用代码', '行政许可', '行政处罚', '信用办', '月报表', '上报率', '合规率', '及时率', '迟报率', '老赖',
];

/**
 * Words that carry no meaning for retrieval: particles, pronouns, and the question words and
 * fillers of how people talk in a chat (这边, 最晚, 咋办, 算不算 …). Synonym expansion still sees
 * the raw question, so 最晚 can add 前 / 时限 while not counting as a word to find.
 */
const STOPWORDS = new Set(
  [
    '的 了 是 在 和 与 及 或 等 对 要 吗 呢 啊 吧 呀 么 嘛 呗 哦 请问 请 问 一下 我们 我 你 您 他 她 它 咱 咱们 大家',
    '这 那 这个 那个 这边 那边 这里 那里 这事 这项 这些 那些 有 没有 没 会 能 能否 可以 可不可以 能不能 需要 应该 应 该',
    '就 都 也 还 又 再 被 把 让 给 从 向 到 于 为 以 之 其 中 上 下 个 各 每 每个 一 一个 不 得 着 过 们 里 时 后 前 并',
    '什么 什么样 怎么 怎样 如何 哪些 哪个 哪 哪几 哪几个 哪天 何时 多少 多久 多长 多长时间 时间 时候 啥 啥时候 咋 咋办 咋样 咋整',
    '最晚 最迟 最多 最少 最好 一般 现在 目前 具体 规定 要求 算 算不算 不算 要是 如果 还要 不要 要不要 想 自己 去 来 搞 弄 办',
    '做 交 发 用 跟 事 事儿 完 掉 得报 要报 上去 上来 之内 以内 以后 以上 哪里 哪儿 谁 谁来 多大',
    '更 更多 多 很 太 最 较 比较 越 干嘛 干啥 干什么 为啥 为什么 怎么办 怎么样 咋回事 啥样 啥叫 东西 玩意 来着 忘了 一次 到底 究竟 是不是 会不会 有没有 行不行 哈 嘞',
  ]
    .join(' ')
    .split(' '),
);

/** A question word, with the search terms it contributes and whether it names something (a place, an organisation, a year). */
export interface QuestionWord {
  word: string;
  terms: string[];
  /** Proper names and years: if no document has them, the documents are about something else. */
  specific: boolean;
  /** A noun: a thing the question is about (公积金, 信用卡), weightier than a verb when missing. */
  noun: boolean;
}

/** Segments Chinese for search: jieba's search mode, domain words kept whole, noise dropped. */
export class Tokenizer {
  readonly #jieba: Jieba;

  constructor(extraWords: string[] = []) {
    this.#jieba = Jieba.withDict(dict);
    const words = [...new Set([...DOMAIN_WORDS, ...extraWords])].filter((w) => /^[\u4e00-\u9fa5A-Za-z0-9+]+$/.test(w));
    this.#jieba.loadDict(Buffer.from(words.map((w) => `${w} 100000 n`).join('\n')));
  }

  /** The question's meaningful words (precise segmentation), each with its search terms. */
  questionWords(text: string): QuestionWord[] {
    return this.#jieba
      .tag(text, true)
      .filter(({ word }) => keep(word.trim().toLowerCase()))
      .map(({ word, tag }) => ({
        word,
        terms: [...new Set(this.tokenize(word))],
        specific: /^(ns|nt|nr)$/.test(tag) || /^\d{4}$/.test(word),
        noun: /^(n|nz|vn)$/.test(tag) && word.length >= 2,
      }))
      .filter((w) => w.terms.length > 0);
  }

  tokenize(text: string): string[] {
    return this.#jieba
      .cutForSearch(text, true)
      .map((t) => t.trim().toLowerCase())
      .filter(keep);
  }
}

/** 几篇 / 几天 / 多少次 are the slot the question asks to fill, not words to look for. */
function keep(term: string): boolean {
  return Boolean(term) && !STOPWORDS.has(term) && !/^(几|多少)/.test(term) && /[\u4e00-\u9fa5A-Za-z0-9]/.test(term);
}

import { t } from '../prompts';

/**
 * The kinds of small talk people send a bot: thanks, an acknowledgement, a hello, a 取消 with
 * nothing open, or asking what the bot is (你是谁, 你能做什么, 怎么用).
 */
export type SmallTalk = 'intro' | 'cancel' | 'thanks' | 'hello' | 'ack';

/** The words of each kind, most telling kind first: 「你好，你是谁」 asks for the introduction. */
const WORDS: [SmallTalk, string[]][] = [
  ['intro', ['你是谁', '您是谁', '你是干什么的', '你是做什么的', '你能做什么', '你能干什么', '你会什么', '你会做什么', '你可以做什么', '您能做什么', '您会什么', '您可以做什么', '能做什么', '有什么功能', '有什么用', '怎么用', '怎么使用', '如何使用', '怎么用你', '你怎么用']],
  ['cancel', ['取消', '算了', '不用了', '不填了', '退出', 'cancel']],
  ['thanks', ['谢谢您', '谢谢你', '谢谢', '谢啦', '谢了', '多谢', '感谢', '辛苦您了', '辛苦了', '辛苦', 'thank you', 'thanks', 'thank', 'thx', '3q']],
  ['hello', ['你好', '您好', '大家好', '在吗', '在不在', '在么', '有人吗', '早上好', '上午好', '中午好', '下午好', '晚上好', '早安', '早', '哈喽', '嗨', 'hello', 'hey', 'hi']],
  ['ack', ['收到了', '收到', '好的', '好滴', '好嘞', '好哒', '好', '嗯', '恩', '哦', '噢', 'okay', 'ok', '行', '可以', '知道了', '知道', '明白了', '明白', '了解', '没问题', '哈', '呵', '嘿', '嘻']],
];

/**
 * What may stand between and around the words: particles, punctuation, spaces, emoji, and the
 * emoji codes WeChat and Feishu send as text ([微笑], [OK], [抱拳]).
 */
const FILLER = String.raw`[啊呀啦哦喔噢呢嘛吧哟~～!！。.，,、?？;；:：…\s]|\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f|\[[\p{Script=Han}A-Za-z]{1,6}\]`;

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const kindGroups = WORDS.map(([, words]) => `(${[...words].sort((a, b) => b.length - a.length).map(escape).join('|')})`);
/** The whole message made of small-talk words and filler only (the regex backtracks, so 好的收到 reads as 好的 + 收到). */
const WHOLE = new RegExp(`^(?:${kindGroups.join('|')}|${FILLER})+$`, 'iu');
const TOKEN = new RegExp(`${kindGroups.join('|')}|${FILLER}`, 'giu');

/** Which small talk a message is, or undefined for anything else (a question, a command, a number). */
export function classifySmallTalk(text: string): SmallTalk | undefined {
  const plain = text.trim();
  if (!plain || !WHOLE.test(plain)) return undefined;
  const kinds = new Set<SmallTalk>();
  for (const match of plain.matchAll(TOKEN)) {
    const group = match.slice(1).findIndex((g) => g !== undefined);
    if (group >= 0) kinds.add(WORDS[group]![0]);
  }
  if (kinds.size) return WORDS.find(([kind]) => kinds.has(kind))![0];
  // Only emoji and punctuation: a nod — unless it is a bare question mark.
  return /[?？]/.test(plain) ? undefined : 'ack';
}

/** The commands the line of abilities can suggest, each with how it is described. */
const ABILITIES: [command: string, describe: () => string][] = [
  ['填报', () => t('small_talk.use_submit')],
  ['进度', () => t('small_talk.use_progress')],
  ['积分', () => t('small_talk.use_points')],
];

/**
 * One friendly line and what the bot can do for this person, never a policy quote. `mayUse` says
 * whether the person may use a command: someone outside the roster is not invited to 填报.
 */
export function smallTalkReply(kind: SmallTalk, bot: string, mayUse: (command: string) => boolean): string {
  const opening = { intro: t('small_talk.intro', { bot }), thanks: t('small_talk.thanks'), ack: t('small_talk.ack'), hello: t('small_talk.hello', { bot }), cancel: t('small_talk.cancel') }[kind];
  const uses = ABILITIES.filter(([command]) => mayUse(command)).map(([, describe]) => describe());
  return `${opening}${uses.length ? t('small_talk.abilities', { uses: uses.join('、') }) : t('small_talk.abilities_outsider')}`;
}

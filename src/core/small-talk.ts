import { t } from '../prompts';

/** The kinds of small talk people send a bot: thanks, an acknowledgement, a hello, a 取消 with nothing open. */
export type SmallTalk = 'thanks' | 'ack' | 'hello' | 'cancel';

// Trailing particles and punctuation people add: 好的呀！, 收到~, 谢谢啦。
const TAIL = /[啊呀啦哈哦喔噢呢嘛吧~～!！。.，,、?？\s]+$/u;
const PATTERNS: [SmallTalk, RegExp][] = [
  ['thanks', /^(谢谢|谢谢您|谢谢你|多谢|感谢|辛苦了?|辛苦您了|thanks?|thank you|thx|3q)$/i],
  ['ack', /^(收到|好的?|好滴|嗯+|恩+|哦+|ok|okay|行|可以|知道了|明白了?|了解|没问题|👌|👍|🙏)$/i],
  ['hello', /^(你好|您好|在吗|在不在|在么|有人吗|hi|hello|hey|早|早上好|上午好|下午好|晚上好|哈喽|嗨)$/i],
  ['cancel', /^(取消|算了|不用了|不填了|退出|cancel)$/i],
];
// A message of emoji (and spaces or joiners) only: 👍, 🙏🙏, 😊.
const EMOJI_ONLY = /^(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f|\s)+$/u;

/** Which small talk a message is, or undefined for anything else (a question, a command, a number). */
export function classifySmallTalk(text: string): SmallTalk | undefined {
  const plain = text.trim().replace(TAIL, '');
  if (!plain) return EMOJI_ONLY.test(text.trim()) || /^[~～!！。.]+$/.test(text.trim()) ? 'ack' : undefined;
  if (EMOJI_ONLY.test(plain)) return 'ack';
  // 好的好的, 谢谢谢谢: the same word said twice is still that word.
  const once = /^(.+?)\1+$/u.exec(plain)?.[1] ?? plain;
  return PATTERNS.find(([, pattern]) => pattern.test(plain) || pattern.test(once))?.[0];
}

/** One friendly line and what the bot can do, never a policy quote. */
export function smallTalkReply(kind: SmallTalk, bot: string): string {
  const opening = { thanks: t('small_talk.thanks'), ack: t('small_talk.ack'), hello: t('small_talk.hello', { bot }), cancel: t('small_talk.cancel') }[kind];
  return `${opening}${t('small_talk.abilities')}`;
}

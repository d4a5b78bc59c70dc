import type { SimulatedOutput } from '../../src/channels/simulate-channel';
import type { Person } from '../../src/org/schema';
import { loadRoster } from '../../src/org/roster';
import { t } from '../../src/prompts';
import { scriptFrom } from './script';
import { simulate, type ScriptLine } from './simulate';

/**
 * Helpers for "the same scenario on simulate and on <platform>": a script played on simulate and
 * on a whole bot over the platform, and each side normalised to what is read in each chat.
 */

const roster = loadRoster('data/org.yaml');

export type Platform = 'lark' | 'wechat' | 'wecom';

/** Whom each platform can notify and write to directly (the sample roster gives some people no account). */
const reaches: Record<Platform, (person: Person) => boolean> = {
  lark: (p) => Boolean(p.identities.lark?.open_id),
  wechat: (p) => Boolean(p.identities.wechat),
  wecom: (p) => Boolean(p.identities.wecom?.userid),
};

/** One message as its reader gets it: where ("group" or "dm:<roster id>"), whom it @-mentions (roster ids), its lines. */
export interface ReadMessage {
  chat: string;
  mentions: string[];
  lines: string[];
}

/** The scenario of test/flows/submission-form.test.ts, with a question and the reminders of the 19th around it. */
export function wangFangsWeek() {
  return scriptFrom('2026-11-18T09:00:00+08:00')
    .group('wang-fang', '@信用助手 双公示信息要在多少天内上传？')
    .group('wang-fang', '填报 双公示')
    .dm('wang-fang', '１２０', '一百二十', '一百一十五', '118', '2', '两', '跳过', '确认')
    .group('xu-wenbo', '进度')
    .at('2026-11-19T12:00:00+08:00')
    .dm('lin-xiaoyan', '我是谁');
}

/** What simulate sends for a script, without its card updates (it edits a pressed card in place). */
async function simulatedMessages(lines: ScriptLine[]): Promise<SimulatedOutput[]> {
  return (await simulate(lines)).filter((o) => o.update === undefined);
}

/** A whole bot over a platform, as the platform harnesses make one. */
interface ScriptPlayer {
  advanceTo(time: string): Promise<unknown>;
  group(who: string, text: string, o: { id?: string }): Promise<unknown>;
  dm(who: string, text: string, o: { id?: string }): Promise<unknown>;
}

/**
 * Plays a simulate script on simulate and on a whole bot (`bot`) started at its first line;
 * resolves with what simulate sent and the bot, to read what reached its platform.
 */
export async function playedOnSimulateAnd<Bot extends ScriptPlayer>(bot: (options: { start: Date }) => Promise<Bot>, lines: ScriptLine[]): Promise<{ simulated: SimulatedOutput[]; h: Bot }> {
  const simulated = await simulatedMessages(lines);
  const h = await bot({ start: new Date(lines[0]!.at) });
  await playScript(h, lines);
  return { simulated, h };
}

/** Plays a simulate script on a whole bot: clock lines run the jobs, messages are typed by the people. */
async function playScript(h: ScriptPlayer, lines: ScriptLine[]): Promise<void> {
  for (const line of lines) {
    await h.advanceTo(line.at);
    if (line.text === undefined) continue;
    const o = line.id ? { id: line.id } : {};
    if (line.chat === 'group') await h.group(line.from!, line.text, o);
    else await h.dm(line.from!, line.text, o);
  }
}

/** The first line of the admins' notice of a person the platform cannot reach: the one thing simulate cannot show. */
export const UNDELIVERABLE = t('delivery.title', { who: '' });

/** The chats a platform reaches: the group, and the direct chats of the people it can write to. */
function reachableChats(platform: Platform): Set<string> {
  return new Set(['group', ...roster.people.filter(reaches[platform]).map((p) => `dm:${p.id}`)]);
}

/** Whom a message @-mentions of those the platform can notify, in a stable order. */
function notified(platform: Platform, mentions: string[]): string[] {
  return mentions.filter((id) => canNotify(platform, id)).sort();
}

function canNotify(platform: Platform, personId: string): boolean {
  const person = roster.person(personId);
  return person !== undefined && reaches[platform](person);
}

/** Who received what in each chat the platform reaches, message by message: whom it @-mentions, then its lines. */
export function conversationByChat(platform: Platform, messages: ReadMessage[]): Record<string, string[]> {
  const chats = reachableChats(platform);
  const byChat: Record<string, string[]> = {};
  for (const { chat, mentions, lines } of messages) {
    if (chats.has(chat)) (byChat[chat] ??= []).push([`@${notified(platform, mentions).join(' @')}`, ...lines].join('\n'));
  }
  return byChat;
}

/**
 * Each reachable chat's conversation where a platform may cut a long text in two: every line read
 * there in order, and whom each message that @-mentions anyone @-mentions.
 */
export function linesByChat(platform: Platform, messages: ReadMessage[]): Record<string, { lines: string[]; mentions: string[] }> {
  const chats = reachableChats(platform);
  const byChat: Record<string, { lines: string[]; mentions: string[] }> = {};
  for (const { chat, mentions, lines } of messages) {
    if (!chats.has(chat)) continue;
    const entry = (byChat[chat] ??= { lines: [], mentions: [] });
    entry.lines.push(...lines);
    const who = notified(platform, mentions);
    if (who.length > 0) entry.mentions.push(who.join(' '));
  }
  return byChat;
}

import { randomUUID } from 'node:crypto';
import { createApp } from '../app';
import { SimulateChannel, type SimulatedOutput } from '../channels/simulate-channel';
import { parseTypedMentions } from '../channels/typed-mentions';
import type { Config } from '../config';
import { VirtualClock } from '../core/clock';
import type { Incoming } from '../core/message';
import type { Logger } from '../logger';
import type { Roster } from '../org/roster';
import { VirtualScheduler } from '../scheduler/virtual-scheduler';
import { StartupError } from '../startup-error';
import type { ScriptMessage, ScriptStep } from './script';

/**
 * Replays a parsed script against the real bot with a virtual clock: clock lines run the jobs
 * due in between, message lines go through `Bot.handle` exactly as a platform's would.
 */
export async function runScript(
  steps: ScriptStep[],
  config: Config,
  log: Logger,
  write: (line: SimulatedOutput) => void,
  file = 'script',
): Promise<void> {
  const first = steps[0];
  if (!first) return;
  const clock = new VirtualClock(first.kind === 'clock' ? first.time : first.message.time);
  const app = await createApp(config, clock, log, (roster) => new SimulateChannel(roster, clock, write));
  const scheduler = new VirtualScheduler(clock, app.jobs, log);
  for (const step of steps) {
    if (step.kind === 'clock') {
      await scheduler.advanceTo(step.time);
      continue;
    }
    await scheduler.advanceTo(step.message.time);
    await app.bot.handle(toIncoming(step.message, app.roster, file));
    scheduler.refresh();
  }
}

function toIncoming(m: ScriptMessage, roster: Roster, file: string): Incoming {
  const matches = roster.findPeople(m.from);
  if (matches.length > 1) {
    throw new StartupError(`${file} 第 ${m.line} 行：名册中有 ${matches.length} 位“${m.from}”，请改用人员编号`);
  }
  // Someone not in the roster keeps the given name as their platform id: outsiders can be played too.
  const senderId = matches[0]?.id ?? m.from;
  const isGroup = m.chat !== 'dm';
  const groupId = m.chat === 'group' ? roster.mainGroup.id : m.chat.slice('group:'.length);
  if (isGroup && !roster.group(groupId)) throw new StartupError(`${file} 第 ${m.line} 行：名册中没有群 ${groupId}`);
  const typed = isGroup ? parseTypedMentions(m.text, roster) : { text: m.text, mentionsBot: false, mentions: [] };
  return {
    channel: 'simulate',
    chatId: isGroup ? groupId : `dm:${senderId}`,
    chatType: isGroup ? 'group' : 'direct',
    // Simulate's platform ids are roster ids: the edge resolves them directly.
    groupId: isGroup ? groupId : undefined,
    senderId,
    personId: matches[0]?.id,
    senderName: matches[0]?.name ?? m.from,
    text: typed.text,
    mentionsBot: typed.mentionsBot,
    mentions: typed.mentions,
    messageId: m.id ?? randomUUID(),
    time: m.time,
  };
}

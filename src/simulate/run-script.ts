import { randomUUID } from 'node:crypto';
import { createApp, type App } from '../app';
import { SimulateChannel, type SimulatedOutput } from '../channels/simulate-channel';
import { typedIncoming, typedPress, type TypedOrigin } from '../channels/typed-incoming';
import type { Config } from '../config';
import { pressableCards } from '../core/cards';
import { VirtualClock } from '../core/clock';
import type { Address, IncomingAction, IncomingMessage } from '../model/message';
import type { Logger } from '../logger';
import type { Roster } from '../org/roster';
import { VirtualScheduler } from '../scheduler/virtual-scheduler';
import { StartupError } from '../startup-error';
import type { ScriptMessage, ScriptPress, ScriptStep } from './script';

/**
 * Replays a parsed script against the real bot with a virtual clock: clock lines run the jobs
 * due in between, message and press lines reach `Bot.handle` through the channel exactly as a
 * platform's events would.
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
  const clock = new VirtualClock(first.kind === 'clock' ? first.time : first.kind === 'message' ? first.message.time : first.press.time);
  let channel: SimulateChannel | undefined;
  // Time is virtual here: pacing sends in real time would only slow the replay down.
  const app = await createApp({ ...config, sendLimits: undefined }, clock, log, (roster) => (channel = new SimulateChannel(roster, clock, write)));
  const simulated = channel!;
  const scheduler = new VirtualScheduler(clock, app.jobs, log);
  const ended = simulated.start(async (event) => {
    await app.bot.handle(event);
    scheduler.refresh();
  });
  for (const step of steps) {
    if (step.kind === 'clock') {
      await scheduler.advanceTo(step.time);
      continue;
    }
    await scheduler.advanceTo(step.kind === 'message' ? step.message.time : step.press.time);
    await simulated.deliver(step.kind === 'message' ? toMessage(step.message, app.roster, file) : toAction(step.press, app, file));
  }
  await simulated.stop();
  await ended;
  // A clean stop, as npm start's: what is being written finishes and the files are left folded.
  await app.store.close();
}

/** Who is speaking and where, as a platform would say it. */
function origin(m: ScriptMessage | ScriptPress, roster: Roster, file: string): TypedOrigin {
  const matches = roster.findPeople(m.from);
  if (matches.length > 1) {
    throw new StartupError(`${file} 第 ${m.line} 行：名册中有 ${matches.length} 位“${m.from}”，请改用人员编号`);
  }
  const groupId = m.chat === 'dm' ? undefined : m.chat === 'group' ? roster.mainGroup.id : m.chat.slice('group:'.length);
  if (groupId !== undefined && !roster.group(groupId)) throw new StartupError(`${file} 第 ${m.line} 行：名册中没有群 ${groupId}`);
  return {
    channel: 'simulate',
    // Someone not in the roster keeps the given name as their platform id: outsiders can be played too.
    // Simulate's platform ids are roster ids: the edge resolves them directly.
    senderId: matches[0]?.id ?? m.from,
    personId: matches[0]?.id,
    senderName: matches[0]?.name ?? m.from,
    chat: groupId === undefined ? { kind: 'direct' } : { kind: 'group', groupId },
    messageId: m.id ?? randomUUID(),
    time: m.time,
  };
}

function toMessage(m: ScriptMessage, roster: Roster, file: string): IncomingMessage {
  return typedIncoming({ ...origin(m, roster, file), text: m.text }, roster);
}

/** A press of the button named (label or value) on the person's latest card that has it. */
function toAction(p: ScriptPress, app: App, file: string): IncomingAction {
  const from = origin(p, app.roster, file);
  const to: Address =
    from.chat.kind === 'group'
      ? { kind: 'group', groupId: from.chat.groupId }
      : from.personId
        ? { kind: 'direct', personId: from.personId }
        : { kind: 'chat', chatId: `dm:${from.senderId}`, chatType: 'direct' };
  const cards = pressableCards(app.store.view.cards, { channel: 'simulate', to, person: from.senderId }, p.time);
  for (const { messageId, card } of cards) {
    const button = card.card.buttons?.find((b) => b.label === p.press || b.value === p.press);
    if (button) return typedPress(from, { cardMessageId: messageId, value: button.value });
  }
  throw new StartupError(`${file} 第 ${p.line} 行：${p.from} 收到的卡片中没有按钮“${p.press}”`);
}

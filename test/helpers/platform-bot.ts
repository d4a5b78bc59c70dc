import type { OutboundChannel } from '../../src/channels/channel';
import type { Bot } from '../../src/core/bot';
import type { Incoming, Outgoing } from '../../src/model/message';
import type { RecordingChannel } from './bot-harness';

/** A real platform channel the bot sends through, which also keeps what the bot handed over to it. */
export function recordingThrough(platform: OutboundChannel): RecordingChannel {
  const handedOver: Outgoing[] = [];
  const update = platform.update?.bind(platform);
  return {
    name: platform.name,
    capabilities: platform.capabilities,
    sent: handedOver,
    send: async (out) => {
      const result = await platform.send(out);
      handedOver.push(out);
      return result;
    },
    ...(update ? { update } : {}),
  };
}

/** Resolves, once `action` has, with what reached the platform (`sent`) meanwhile. */
export async function sentDuring<T>(sent: readonly T[], action: () => Promise<unknown>): Promise<T[]> {
  const before = sent.length;
  await action();
  return sent.slice(before);
}

/** Shows `look` each event the bot is handed from now on, before the bot handles it. */
export function watchEvents(bot: Bot, look: (event: Incoming) => void): void {
  const handle = bot.handle.bind(bot);
  bot.handle = async (event) => {
    look(event);
    return handle(event);
  };
}

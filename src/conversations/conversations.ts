import type { ChatContext } from '../core/chat-context';
import { t } from '../prompts';
import { formatLocalMinute } from '../time';
import type { ConversationState } from '../store/schema';
import type { Flow, FlowState } from './flow';

/**
 * Routes a person's direct messages to the conversation they are in, persisting its state per
 * channel and person. State from an older version of a flow, or left idle past its expiry, is
 * discarded with a message to the person, never misread as the current form.
 */
export class Conversations {
  readonly #flows: Map<string, Flow>;

  constructor(flows: Flow[]) {
    this.#flows = new Map(flows.map((f) => [f.id, f]));
  }

  /** Starts a flow for the sender, replacing any conversation they had open. */
  async start(ctx: ChatContext, flowId: string, init: Record<string, unknown> = {}): Promise<void> {
    const flow = this.#flows.get(flowId);
    if (!flow || !ctx.person) throw new Error(`cannot start flow ${flowId}`);
    await this.#save(ctx, flow, await flow.start(ctx, init), ctx.now);
  }

  /** Gives the message to the person's active conversation; false if there is none. */
  async route(ctx: ChatContext): Promise<boolean> {
    if (!ctx.person) return false;
    const key = conversationKey(ctx.msg.channel, ctx.person.id);
    const state = ctx.store.data.conversations[key];
    if (!state) return false;
    const flow = this.#flows.get(state.flow);
    if (!flow || flow.version !== state.version) {
      await this.#discard(ctx, key, t('conversation.version_changed', { flow: flow?.title ?? state.flow }));
      return false;
    }
    if (ctx.now > new Date(state.expiresAt)) {
      const last = formatLocalMinute(new Date(state.updatedAt));
      await this.#discard(ctx, key, t('conversation.expired', { flow: flow.title, last, idle: formatMinutes(flow.idleMinutes) }));
      return false;
    }
    const next = await flow.next(ctx, { step: state.step, data: state.data });
    await this.#save(ctx, flow, next, ctx.now);
    return true;
  }

  async #discard(ctx: ChatContext, key: string, notice: string): Promise<void> {
    await ctx.store.update((db) => void delete db.conversations[key]);
    await ctx.reply(notice);
  }

  async #save(ctx: ChatContext, flow: Flow, state: FlowState | null, now: Date): Promise<void> {
    const key = conversationKey(ctx.msg.channel, ctx.person!.id);
    await ctx.store.update((db) => {
      if (!state) {
        delete db.conversations[key];
        return;
      }
      const saved: ConversationState = {
        flow: flow.id,
        version: flow.version,
        step: state.step,
        data: state.data,
        updatedAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + flow.idleMinutes * 60_000).toISOString(),
      };
      db.conversations[key] = saved;
    });
  }
}

export function conversationKey(channel: string, personId: string): string {
  return `${channel}|${personId}`;
}

function formatMinutes(minutes: number): string {
  return minutes % 60 === 0 ? `${minutes / 60} 小时` : `${minutes} 分钟`;
}

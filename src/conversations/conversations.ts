import { asMember, type ChatContext, type ConversationDesk, type MemberContext } from '../core/chat-context';
import { sendDirect } from '../core/direct-message';
import { clip } from '../clip';
import type { Roster } from '../org/roster';
import { t } from '../prompts';
import type { ConversationState, ParkedForm, PendingChoice } from '../store/schema';
import type { StateChanges } from '../store/state-view';
import { normalizeInput } from '../submissions/parse-answer';
import { formatDayTime } from '../time';
import { AS_ANSWER, isControlWord, KEEP_OPEN, RUN_COMMAND, SET_ASIDE } from './control-words';
import type { Flow, FlowState } from './flow';
import { parkedUntil, type FormLifetime } from './lifetime';

/**
 * What became of a direct message: the form took it; there is no open form (route it as usual);
 * or it is a command, to be run and followed by a reminder of where the form stands.
 */
export type Routed = { to: 'form' } | { to: 'elsewhere' } | { to: 'command'; text: string; since: string };

interface OpenForm {
  key: string;
  state: ConversationState;
  flow: Flow;
}

const FORM: Routed = { to: 'form' };
const ELSEWHERE: Routed = { to: 'elsewhere' };

/**
 * Routes a person's direct messages to the form they are filling, persisting its state per
 * channel and person. A command's name at the start of a message is a command even mid-form
 * (then the bot says where the form stands); control words (上一步, 确认 …) always go to the form.
 * A form left unanswered lapses into the set-aside list, restorable for a week with 继续填报;
 * state from an older version of a flow is discarded with a message, never misread.
 */
export class Conversations implements ConversationDesk {
  readonly #flows: Map<string, Flow>;
  readonly lifetime: FormLifetime;
  /** Messages after which the form was already shown: it is not shown again by remind(). */
  readonly #shown = new WeakSet<object>();

  constructor(flows: Flow[], lifetime: FormLifetime) {
    this.#flows = new Map(flows.map((f) => [f.id, f]));
    this.lifetime = lifetime;
  }

  /**
   * Starts a flow for the sender. With another form open, the person is first asked whether to
   * set it aside; the same form already open is shown where it stands.
   */
  async start(ctx: MemberContext, flowId: string, init: Record<string, unknown> = {}): Promise<void> {
    const flow = this.#flows.get(flowId);
    if (!flow) throw new Error(`cannot start flow ${flowId}`);
    const open = await this.#open(ctx);
    if (open) {
      if (open.flow.id === flowId && flow.opens(init, open.state)) {
        await this.#remind(ctx, open, t('forms.already_open', { form: this.describe(open.state, ctx.roster) }));
        return;
      }
      if (open.flow.answered(open.state)) {
        await this.#ask(ctx, open, { kind: 'switch', flow: flowId, init });
        return;
      }
      await this.#drop(ctx, open);
    }
    await this.#noteParked(ctx);
    await this.#begin(ctx, flow, init);
  }

  /** Gives a direct message to the person's open form, or says where else it belongs. */
  async route(sender: ChatContext, startsWithCommand: boolean): Promise<Routed> {
    const ctx = asMember(sender);
    const open = ctx && (await this.#open(ctx));
    if (!ctx || !open) return ELSEWHERE;
    const text = normalizeInput(ctx.args);
    if (open.state.pending) {
      const settled = await this.#settle(ctx, open, open.state.pending, text);
      if (settled) return settled;
      // Any other reply drops the question and is read as usual.
      await ctx.store.change((tx) => tx.forms.setPending(open.key, undefined));
    }
    if (isControlWord(text)) return this.#advance(ctx, open);
    if (startsWithCommand) {
      if (open.flow.takesFreeText(open.state)) {
        await this.#ask(ctx, open, { kind: 'ambiguous', text: ctx.args });
        return FORM;
      }
      return { to: 'command', text: ctx.args, since: open.state.updatedAt };
    }
    return this.#advance(ctx, open);
  }

  /**
   * After a command run mid-form (or a refused message), says where the form stands — unless
   * the command itself changed the form or asked something about it.
   */
  async remind(sender: ChatContext, since?: string): Promise<void> {
    const ctx = asMember(sender);
    const open = ctx && (await this.#open(ctx));
    if (!ctx || !open || open.state.pending || this.#shown.has(ctx.msg) || (since !== undefined && open.state.updatedAt !== since)) return;
    await this.#remind(ctx, open, t('forms.still_open', { form: this.describe(open.state, ctx.roster) }));
  }

  /** Shows the open form where it stands after `note` (given the form in a few words); false when none is open. */
  async showOpen(ctx: MemberContext, note: (form: string) => string): Promise<boolean> {
    const open = await this.#open(ctx);
    if (!open) return false;
    await this.#remind(ctx, open, note(this.describe(open.state, ctx.roster)));
    return true;
  }

  /** The sender's set-aside and lapsed forms here, newest first. */
  parked(ctx: MemberContext): ParkedForm[] {
    const key = conversationKey(ctx.msg.channel, ctx.person.id);
    return ctx.store.view.forms.parkedOf(key).filter((p) => parkedUntil(p.parkedAt) > ctx.now).sort((a, b) => b.parkedAt.localeCompare(a.parkedAt));
  }

  /** Reopens a set-aside or lapsed form where it stood (asking first if another one is open). */
  async resume(ctx: MemberContext, parkedId: string): Promise<void> {
    const open = await this.#open(ctx);
    if (open?.flow.answered(open.state)) {
      await this.#ask(ctx, open, { kind: 'resume', parkedId });
      return;
    }
    if (open) await this.#drop(ctx, open);
    await this.#restore(ctx, parkedId);
  }

  flow(id: string): Flow | undefined {
    return this.#flows.get(id);
  }

  /** A form (open or parked) in a few words: 双公示（2026年11月 · 商事登记科，第 3/7 项）. */
  describe(state: Pick<ConversationState, 'flow' | 'step' | 'data'>, roster: Roster): string {
    const flow = this.#flows.get(state.flow);
    return flow ? flow.describe(state, roster) : state.flow;
  }

  // —— the open form ——

  /** The sender's open form, after setting aside one that lapsed and discarding one from an older version. */
  async #open(ctx: MemberContext): Promise<OpenForm | undefined> {
    const key = conversationKey(ctx.msg.channel, ctx.person.id);
    const state = ctx.store.view.forms.open(key);
    if (!state) return undefined;
    const flow = this.#flows.get(state.flow);
    if (!flow || flow.version !== state.version) {
      await ctx.store.change((tx) => tx.forms.drop(key));
      await sendDirect(ctx, t('conversation.version_changed', { flow: flow?.title ?? state.flow }));
      return undefined;
    }
    if (ctx.now >= new Date(state.expiresAt)) {
      await ctx.store.change((tx) => tx.forms.park(key, flow.subject, 'lapsed', state.expiresAt));
      return undefined;
    }
    return { key, state, flow };
  }

  /** Closes a form with nothing answered (a menu): there is nothing to set aside. */
  async #drop(ctx: MemberContext, open: OpenForm): Promise<void> {
    await ctx.store.change((tx) => tx.forms.drop(open.key));
  }

  async #advance(ctx: MemberContext, open: OpenForm, text = ctx.args): Promise<Routed> {
    const current = ctx.store.view.forms.open(open.key) ?? open.state;
    const next = await open.flow.next({ ...ctx, args: text }, { step: current.step, data: current.data });
    await this.#save(ctx, open.flow, next, true);
    return FORM;
  }

  async #remind(ctx: MemberContext, open: OpenForm, note: string): Promise<void> {
    this.#shown.add(ctx.msg);
    const next = await open.flow.remind(ctx, { step: open.state.step, data: open.state.data }, note);
    await this.#save(ctx, open.flow, next, false);
  }

  async #begin(ctx: MemberContext, flow: Flow, init: Record<string, unknown>): Promise<void> {
    this.#shown.add(ctx.msg);
    await this.#save(ctx, flow, await flow.start(ctx, init), true);
  }

  /** Tells a person starting a form that others wait for them, so none is forgotten. */
  async #noteParked(ctx: MemberContext): Promise<void> {
    const parked = this.parked(ctx);
    if (!parked.length) return;
    const newest = parked[0]!;
    await sendDirect(ctx, t('forms.parked_note', { count: parked.length, form: this.describe(newest, ctx.roster), how: parkedHow(newest) }));
  }

  // —— questions about the form itself ——

  async #ask(ctx: MemberContext, open: OpenForm, pending: PendingChoice): Promise<void> {
    await ctx.store.change((tx) => tx.forms.setPending(open.key, pending));
    const current = this.describe(open.state, ctx.roster);
    if (pending.kind === 'ambiguous') {
      const command = pending.text.trim().split(/[\s\u3000]+/)[0]!;
      await sendDirect(ctx, {
        card: {
          title: t('forms.ambiguous_title'),
          lines: [t('forms.ambiguous', { text: clip(pending.text), command: clip(command) })],
          buttons: [
            { label: t('forms.button_run_command', { command: clip(command) }), value: '执行命令' },
            { label: t('forms.button_as_answer'), value: '作为回答' },
          ],
        },
      });
      return;
    }
    const other = pending.kind === 'resume' ? this.#parkedDescription(ctx, pending.parkedId) : t('forms.new_form');
    await sendDirect(ctx, {
      card: {
        title: t('forms.switch_title'),
        lines: [t('forms.switch', { current, other })],
        buttons: [
          { label: t('forms.button_set_aside'), value: '放一边' },
          { label: t('forms.button_keep'), value: '继续原来的' },
        ],
      },
    });
  }

  /** The person's answer to the engine's question; undefined if the reply is about something else. */
  async #settle(ctx: MemberContext, open: OpenForm, pending: PendingChoice, text: string): Promise<Routed | undefined> {
    const clear = () => ctx.store.change((tx) => tx.forms.setPending(open.key, undefined));
    if (pending.kind === 'ambiguous') {
      if (RUN_COMMAND.test(text)) {
        await clear();
        return { to: 'command', text: pending.text, since: open.state.updatedAt };
      }
      if (AS_ANSWER.test(text)) {
        await clear();
        return this.#advance(ctx, open, pending.text);
      }
      return undefined;
    }
    if (KEEP_OPEN.test(text)) {
      await clear();
      await this.#remind(ctx, open, t('forms.kept', { form: this.describe(open.state, ctx.roster) }));
      return FORM;
    }
    if (!SET_ASIDE.test(text)) return undefined;
    await ctx.store.change((tx) => tx.forms.park(open.key, open.flow.subject, 'aside', ctx.now.toISOString()));
    await sendDirect(ctx, t('forms.set_aside', { form: this.describe(open.state, ctx.roster) }));
    if (pending.kind === 'resume') {
      await this.#restore(ctx, pending.parkedId);
      return FORM;
    }
    const flow = this.#flows.get(pending.flow);
    if (flow) await this.#begin(ctx, flow, pending.init);
    return FORM;
  }

  // —— set aside, lapsed, restored ——

  async #restore(ctx: MemberContext, parkedId: string): Promise<void> {
    const key = conversationKey(ctx.msg.channel, ctx.person.id);
    const parked = ctx.store.view.forms.parkedOf(key).find((p) => p.id === parkedId);
    if (!parked) {
      await sendDirect(ctx, t('forms.resume_gone'));
      return;
    }
    const flow = this.#flows.get(parked.flow);
    if (!flow || flow.version !== parked.version) {
      await ctx.store.change((tx) => tx.forms.dropParked((p) => p.id === parkedId));
      await sendDirect(ctx, t('conversation.version_changed', { flow: flow?.title ?? parked.flow }));
      return;
    }
    const now = ctx.now.toISOString();
    const state: ConversationState = { flow: parked.flow, version: parked.version, step: parked.step, data: parked.data, updatedAt: now, expiresAt: this.lifetime.expiry(ctx.now).toISOString() };
    await ctx.store.change((tx) => tx.forms.restore(parkedId, key, state));
    await this.#remind(ctx, { key, state, flow }, t('forms.resumed', { form: flow.describe(parked, ctx.roster) }));
  }

  #parkedDescription(ctx: MemberContext, parkedId: string): string {
    const parked = ctx.store.view.forms.parked(parkedId);
    return parked ? t('forms.resume_other', { form: this.describe(parked, ctx.roster) }) : t('forms.new_form');
  }

  async #save(ctx: MemberContext, flow: Flow, state: FlowState | null, answered: boolean): Promise<void> {
    const key = conversationKey(ctx.msg.channel, ctx.person.id);
    // A flow that closed the form itself (with its saved record, in one transaction) leaves nothing to do.
    if (!state && !ctx.store.view.forms.open(key)) return;
    await ctx.store.change((tx) => {
      const before = tx.forms.open(key);
      if (!state) {
        tx.forms.drop(key);
        return;
      }
      tx.forms.put(key, {
        flow: flow.id,
        version: flow.version,
        step: state.step,
        data: state.data,
        updatedAt: answered || !before ? ctx.now.toISOString() : before.updatedAt,
        expiresAt: answered || !before ? this.lifetime.expiry(ctx.now).toISOString() : before.expiresAt,
      });
    });
  }
}

/**
 * Closes the sender's form in the same transaction as `change` (the saved submission), before
 * anything is sent: a crash right after can never leave the form open to be saved twice.
 * Set-aside copies of the same form go too.
 */
export function closeForm<T>(ctx: MemberContext, subject: string, flow: Pick<Flow, 'id' | 'subject'>, change: (tx: StateChanges) => T): Promise<T> {
  const key = conversationKey(ctx.msg.channel, ctx.person.id);
  return ctx.store.change((tx) => {
    const result = change(tx);
    tx.forms.close(key, flow.id, flow.subject, subject);
    return result;
  });
}

/** 放一边 / 11月21日 17:30 过期 */
export function parkedHow(parked: ParkedForm): string {
  return parked.reason === 'aside' ? t('forms.how_aside', { at: formatDayTime(new Date(parked.parkedAt)) }) : t('forms.how_lapsed', { at: formatDayTime(new Date(parked.parkedAt)) });
}

export function conversationKey(channel: string, personId: string): string {
  return `${channel}|${personId}`;
}

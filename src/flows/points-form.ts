import type { MemberContext } from '../core/chat-context';
import { sendDirect } from '../core/direct-message';
import type { Content } from '../model/message';
import { CANCEL, CONFIRM } from '../conversations/control-words';
import { closeForm } from '../conversations/conversations';
import type { Flow, FlowState } from '../conversations/flow';
import { t } from '../prompts';
import { normalizeInput, parseChoice, parseNumberText } from '../submissions/parse-answer';
import type { PointsConfig } from '../tasks/schema';
import { monthLabel, monthOf } from '../tasks/period';
import { formatDayTime } from '../time';
import { z } from '../zod';
import { pointsKindLabel } from '../points/labels';
import { verifiersOf } from '../points/records';

export const POINTS_FLOW = 'points';

/** The report's state as saved after every answer; read back through this schema, never cast. */
const pointsDataSchema = z.object({
  stage: z.enum(['item', 'kind', 'points', 'name', 'reason', 'confirm']),
  month: z.string().regex(/^\d{4}-\d{2}$/),
  sectionId: z.string(),
  item: z.string().optional(),
  kind: z.enum(['add', 'deduct']).optional(),
  points: z.number().optional(),
  reason: z.string().optional(),
});
type PointsData = z.output<typeof pointsDataSchema>;

const MAX_ITEM_NAME = 50;
const MAX_REASON = 200;

/**
 * 机关信用积分 (济阳 plan): a person reports an item of their own — pick it from the list (or
 * describe another), give the facts, confirm — and their section head gets it to verify.
 * It all happens in the direct chat: personal points never appear in the group.
 */
export function pointsFlow(config: PointsConfig): Flow {
  const options = () => [...config.items.map((i) => i.name), t('points.other')];

  const flow: Flow = {
    id: POINTS_FLOW,
    title: t('points.flow_title'),
    version: 1,

    async start(ctx) {
      const data: PointsData = { stage: 'item', month: monthOf(ctx.now), sectionId: ctx.person.sections[0]! };
      await askItem(ctx, data);
      return state(data);
    },

    async next(ctx, current) {
      const data = await readState(ctx, current);
      if (!data) return null;
      const raw = ctx.args.trim();
      const text = normalizeInput(raw);
      if (CANCEL.test(text)) {
        await sendDirect(ctx, t('points.cancelled'));
        return null;
      }
      if (!raw) return retry(ctx, data, t('form.empty'));
      switch (data.stage) {
        case 'item': {
          const picked = parseChoice(text, options());
          if (!picked.ok) return retry(ctx, data, picked.reason);
          const known = config.items.find((i) => i.name === picked.value);
          if (!known) return ask(ctx, { ...data, stage: 'kind' });
          return ask(ctx, { ...data, stage: 'reason', item: known.name, kind: known.kind, points: known.points });
        }
        case 'kind': {
          const picked = parseChoice(text, [t('points.kind_add'), t('points.kind_deduct')]);
          if (!picked.ok) return retry(ctx, data, picked.reason);
          return ask(ctx, { ...data, stage: 'points', kind: picked.value === t('points.kind_add') ? 'add' : 'deduct' });
        }
        case 'points': {
          const parsed = parseNumberText(text, false);
          if (!parsed.ok) return retry(ctx, data, parsed.reason);
          if (parsed.value < 0.5 || parsed.value > config.max_points) return retry(ctx, data, t('points.out_of_range', { points: parsed.value, max: config.max_points }));
          return ask(ctx, { ...data, stage: 'name', points: parsed.value });
        }
        case 'name':
          if (raw.length > MAX_ITEM_NAME) return retry(ctx, data, t('form.too_long', { length: raw.length, max: MAX_ITEM_NAME }));
          return ask(ctx, { ...data, stage: 'reason', item: raw });
        case 'reason':
          if (raw.length > MAX_REASON) return retry(ctx, data, t('form.too_long', { length: raw.length, max: MAX_REASON }));
          return ask(ctx, { ...data, stage: 'confirm', reason: raw });
        case 'confirm':
          if (!CONFIRM.test(text)) return retry(ctx, data, t('form.confirm_prompt'));
          return save(ctx, data);
      }
    },

    async remind(ctx, current, note) {
      const data = await readState(ctx, current);
      if (!data) return null;
      await sendDirect(ctx, note);
      if (data.stage === 'item') await askItem(ctx, data);
      else await sendDirect(ctx, prompt(ctx, data));
      return current;
    },

    describe(current) {
      const parsed = pointsDataSchema.safeParse(current.data);
      return parsed.success ? t('forms.describe_points', { title: flow.title, month: monthLabel(parsed.data.month) }) : flow.title;
    },

    // One points report at a time: 积分 again shows the open one.
    subject: () => POINTS_FLOW,
    opens: () => true,
    answered: (current) => pointsDataSchema.safeParse(current.data).data?.stage !== 'item',
    takesFreeText: (current) => {
      const stage = pointsDataSchema.safeParse(current.data).data?.stage;
      return stage === 'name' || stage === 'reason';
    },
  };

  async function readState(ctx: MemberContext, current: FlowState): Promise<PointsData | undefined> {
    const parsed = pointsDataSchema.safeParse(current.data);
    if (parsed.success) return parsed.data;
    await sendDirect(ctx, t('conversation.version_changed', { flow: flow.title }));
    return undefined;
  }

  async function askItem(ctx: MemberContext, data: PointsData): Promise<void> {
    const lines = config.items.map((i, n) => t('points.item_line', { n: n + 1, kind: pointsKindLabel(i.kind), item: i.name, points: i.points }));
    await sendDirect(ctx, {
      card: {
        title: t('points.pick_item_title', { month: monthLabel(data.month) }),
        lines: [t('points.pick_item'), ...lines, `${config.items.length + 1}. ${t('points.other')}`],
        buttons: options().map((o) => ({ label: o, value: o })),
      },
    });
  }

  function prompt(ctx: MemberContext, data: PointsData): Content {
    switch (data.stage) {
      case 'kind':
        return { card: { title: t('points.flow_title'), lines: [t('points.ask_kind')], buttons: [t('points.kind_add'), t('points.kind_deduct')].map((k) => ({ label: k, value: k })) } };
      case 'points':
        return { text: t('points.ask_points', { max: config.max_points }) };
      case 'name':
        return { text: t('points.ask_item_name') };
      case 'reason':
        return { text: t('points.ask_reason') };
      case 'confirm': {
        const verifiers = verifiersOf(ctx.roster, ctx.person.id, data.sectionId).map((p) => p.name).join('、');
        return {
          card: {
            title: t('points.summary_title'),
            lines: t('points.summary', { kind: pointsKindLabel(data.kind!), points: data.points!, item: data.item!, reason: data.reason!, verifiers }).split('\n'),
            buttons: [{ label: t('form.button_confirm'), value: '确认' }, { label: t('form.button_cancel'), value: '取消' }],
          },
        };
      }
      case 'item':
        return { text: t('points.pick_item') };
    }
  }

  async function ask(ctx: MemberContext, data: PointsData): Promise<FlowState> {
    await sendDirect(ctx, prompt(ctx, data));
    return state(data);
  }

  async function retry(ctx: MemberContext, data: PointsData, reason: string): Promise<FlowState> {
    if (data.stage === 'item') {
      await sendDirect(ctx, `${reason}。`);
      await askItem(ctx, data);
      return state(data);
    }
    const again = prompt(ctx, data);
    await sendDirect(ctx, 'text' in again ? t('points.invalid', { reason, prompt: again.text }) : `${reason}。`);
    if ('card' in again) await sendDirect(ctx, again);
    return state(data);
  }

  async function save(ctx: MemberContext, data: PointsData): Promise<null> {
    const person = ctx.person;
    // Recorded and closed in one transaction, before anything is sent.
    const item = await closeForm(ctx, POINTS_FLOW, flow, (tx) => tx.points.add({
      personId: person.id,
      sectionId: data.sectionId,
      month: data.month,
      kind: data.kind!,
      item: data.item!,
      points: data.points!,
      reason: data.reason!,
      reportedAt: ctx.now.toISOString(),
    }));
    const verifiers = verifiersOf(ctx.roster, person.id, data.sectionId);
    const kind = pointsKindLabel(item.kind);
    await sendDirect(ctx, t('points.reported', { no: item.no, kind, points: item.points, item: item.item, verifiers: verifiers.map((v) => v.name).join('、') }));
    const section = ctx.roster.section(item.sectionId)!;
    for (const verifier of verifiers) {
      await ctx.send({
        to: { kind: 'direct', personId: verifier.id },
        mentions: [],
        content: {
          card: {
            title: t('points.verify_title', { no: item.no }),
            lines: [
              ...t('points.verify_lines', { person: person.name, section: section.name, kind, points: item.points, item: item.item, reason: item.reason, at: formatDayTime(ctx.now) }).split('\n'),
              t('points.verify_hint', { no: item.no }),
            ],
            buttons: [
              { label: t('points.button_approve'), value: `同意 ${item.no}` },
              { label: t('points.button_return'), value: `退回 ${item.no}` },
            ],
          },
        },
      });
    }
    return null;
  }

  return flow;
}

function state(data: PointsData): FlowState {
  return { step: 0, data };
}

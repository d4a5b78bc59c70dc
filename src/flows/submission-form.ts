import type { MemberContext } from '../core/chat-context';
import { sendDirect } from '../core/direct-message';
import { BACK, CANCEL, CONFIRM, DONE, EDIT, SKIP } from '../conversations/control-words';
import { closeForm } from '../conversations/conversations';
import type { Flow, FlowState } from '../conversations/flow';
import { clip } from '../clip';
import { t } from '../prompts';
import type { TaskCatalog } from '../tasks/catalog';
import { deadlineOf, monthLabel } from '../tasks/period';
import type { ListField, Task } from '../tasks/schema';
import { formatDayTime } from '../time';
import { z } from '../zod';
import { notifyAdmins } from './admin-notice';
import { approximateAnswers, flagApproximate } from '../submissions/approximate';
import { fieldType, parseAnswer } from '../submissions/field-types';
import { normalizeInput, parseChoice, parseListItem, type ListItem } from '../submissions/parse-answer';
import { STATUS_LABELS } from '../submissions/records';
import { formatAnswer, isVisible, summaryLines } from '../submissions/summary';

export const SUBMISSION_FLOW = 'submission';

const monthKey = z.string().regex(/^\d{4}-\d{2}$/);

/** What the 填报 command resolved before handing over to the form (kept in the store while the person decides). */
const submitInitSchema = z.object({
  month: monthKey,
  /** The sections the person may submit for here; more than one means "ask which". */
  sectionIds: z.array(z.string()).min(1),
  taskId: z.string().optional(),
});
export type SubmitInit = z.output<typeof submitInitSchema>;

/** The form's state as saved after every answer; read back through this schema, never cast. */
const formDataSchema = z.object({
  stage: z.enum(['section', 'task', 'field', 'confirm']),
  month: monthKey,
  sectionChoices: z.array(z.string()),
  sectionId: z.string().optional(),
  taskChoices: z.array(z.string()),
  taskId: z.string().optional(),
  formVersion: z.string().optional(),
  answers: z.record(z.string(), z.unknown()),
  /** Entries of the list field being filled, until 完成. */
  listDraft: z.array(z.record(z.string(), z.string())),
  /** Consecutive answers that could not be read. */
  failures: z.number().int().min(0),
  /** Editing from the summary: after the change, go back to it. */
  editing: z.boolean(),
  /** Fields answered as an estimate (120左右), shown 约; absent in forms saved before it existed. */
  approximate: z.array(z.string()).optional(),
});
type FormData = z.output<typeof formDataSchema>;

/** A list entry longer than this is surely not one title or activity. */
const MAX_LIST_ITEM_LENGTH = 500;

/** A question mid-form is answered, then the pending question is asked again. */
function looksLikeQuestion(text: string): boolean {
  return /[？?]\s*$/.test(text) || /^(问|请问)[\s:：]/.test(text);
}

/**
 * The monthly submission as a guided conversation in the reporter's direct chat: which section,
 * which task, then one question at a time with a hint, each answer checked; a summary with the
 * computed rates; saved on 确认. The steps below are plain functions of the member's context (its
 * task catalogue included) and the checked form data.
 */
export function submissionFlow(catalog: TaskCatalog): Flow {
  const flow: Flow = {
    id: SUBMISSION_FLOW,
    title: t('form.flow_title'),
    version: 1,

    async start(ctx, raw) {
      const init = submitInitSchema.safeParse(raw);
      if (!init.success) throw new Error(`bad submission init: ${init.error.message}`);
      const { month, sectionIds, taskId } = init.data;
      const data: FormData = { stage: 'section', month, sectionChoices: sectionIds, taskChoices: [], answers: {}, listDraft: [], failures: 0, editing: false, taskId };
      if (sectionIds.length > 1) return askSection(ctx, data);
      return chooseSection(ctx, data, sectionIds[0]!);
    },

    async next(ctx, state) {
      const read = await readState(ctx, state);
      if (!read) return null;
      const { data, task } = read;
      const text = ctx.args.trim();
      if (CANCEL.test(normalizeInput(text))) {
        await sendDirect(ctx, t('form.cancelled', { task: task?.short ?? flow.title }));
        return null;
      }
      switch (data.stage) {
        case 'section':
          return pickSection(ctx, data, text);
        case 'task':
          return pickTask(ctx, data, text);
        case 'field':
          return answerField(ctx, data, task!, state.step, text);
        case 'confirm':
          return confirm(ctx, data, task!, text);
      }
    },

    async remind(ctx, state, note) {
      const read = await readState(ctx, state);
      if (!read) return null;
      const { data, task } = read;
      switch (data.stage) {
        case 'section':
          return askSection(ctx, data, note);
        case 'task':
          await askTask(ctx, data, note);
          return state;
        case 'field':
          return askField(ctx, data, task!, state.step, note);
        case 'confirm':
          return showSummary(ctx, data, task!, note);
      }
    },

    describe(state, roster) {
      const parsed = formDataSchema.safeParse(state.data);
      if (!parsed.success) return flow.title;
      const data = parsed.data;
      const task = data.taskId ? catalog.task(data.taskId) : undefined;
      const where = [monthLabel(data.month), data.sectionId ? roster.section(data.sectionId)?.name : undefined].filter(Boolean).join(' · ');
      const progress =
        data.stage === 'field' && task ? t('forms.progress_field', { n: state.step + 1, total: task.fields.length }) : data.stage === 'confirm' ? t('forms.progress_confirm') : t('forms.progress_pick');
      return t('forms.describe', { task: task?.short ?? flow.title, where, progress });
    },

    subject: subjectOf,

    opens(raw, state) {
      const init = submitInitSchema.safeParse(raw);
      const data = formDataSchema.safeParse(state.data);
      if (!init.success || !data.success || !init.data.taskId) return false;
      return init.data.taskId === data.data.taskId && init.data.month === data.data.month && init.data.sectionIds.includes(data.data.sectionId ?? '');
    },

    answered(state) {
      const parsed = formDataSchema.safeParse(state.data);
      // Only the section/task menu is answer-free; unreadable state is kept for the engine to report.
      return !parsed.success || (parsed.data.stage !== 'section' && parsed.data.stage !== 'task');
    },

    takesFreeText(state) {
      const parsed = formDataSchema.safeParse(state.data);
      if (!parsed.success || parsed.data.stage !== 'field' || !parsed.data.taskId) return false;
      const type = catalog.task(parsed.data.taskId)?.fields[state.step]?.type;
      return type === 'text' || type === 'list';
    },
  };

  return flow;
}

/**
 * The saved state, checked: data that does not fit the schema, or a form whose questions
 * changed since, is discarded with a message rather than misread.
 */
async function readState(ctx: MemberContext, state: FlowState): Promise<{ data: FormData; task: Task | undefined } | undefined> {
  const parsed = formDataSchema.safeParse(state.data);
  const data = parsed.success ? parsed.data : undefined;
  const task = data?.taskId ? ctx.catalog.task(data.taskId) : undefined;
  const broken = !data || ((data.stage === 'field' || data.stage === 'confirm') && !task);
  if (broken || (data.formVersion && ctx.catalog.formVersion(task!) !== data.formVersion)) {
    await sendDirect(ctx, t('conversation.version_changed', { flow: task?.short ?? t('form.flow_title') }));
    return undefined;
  }
  return { data, task };
}

// —— choosing the section and the task ——

async function askSection(ctx: MemberContext, data: FormData, note?: string): Promise<FlowState> {
  const names = data.sectionChoices.map((id) => ctx.roster.section(id)!.name);
  await sendDirect(ctx, {
    card: {
      title: t('form.pick_section_title'),
      lines: [...(note ? [note] : []), t('form.pick_section', { sections: names.join('、') })],
      buttons: names.map((name) => ({ label: name, value: name })),
    },
  });
  return { step: 0, data: { ...data, stage: 'section' } };
}

async function pickSection(ctx: MemberContext, data: FormData, text: string): Promise<FlowState | null> {
  const names = data.sectionChoices.map((id) => ctx.roster.section(id)!.name);
  const byAlias = ctx.roster.findSection(normalizeInput(text));
  const picked = byAlias && data.sectionChoices.includes(byAlias.id) ? { ok: true as const, value: byAlias.name } : parseChoice(text, names);
  if (!picked.ok) {
    await sendDirect(ctx, t('form.pick_invalid', { reason: picked.reason, hint: t('form.pick_hint', { example: names[0]! }) }));
    return { step: 0, data: data };
  }
  return chooseSection(ctx, data, data.sectionChoices[names.indexOf(picked.value)]!);
}

async function chooseSection(ctx: MemberContext, data: FormData, sectionId: string): Promise<FlowState | null> {
  const section = ctx.roster.section(sectionId)!;
  // A task the section is exempt from this month (免报) is neither offered nor opened.
  const owed = ctx.catalog.tasksOwedBy(sectionId).filter((task) => !ctx.store.view.submissions.exemption(data.month, task.id, sectionId));
  if (data.taskId) {
    const task = ctx.catalog.task(data.taskId)!;
    if (!ctx.catalog.owes(task, sectionId)) {
      await sendDirect(ctx, t('submit.not_owed', { section: section.name, task: task.short, tasks: owed.map((x) => x.short).join('、') || t('answer.none') }));
      return null;
    }
    return beginTask(ctx, { ...data, sectionId }, task);
  }
  if (!owed.length) {
    await sendDirect(ctx, t('form.no_tasks', { section: section.name, month: monthLabel(data.month) }));
    return null;
  }
  const next = { ...data, sectionId, stage: 'task' as const, taskChoices: owed.map((x) => x.id) };
  await askTask(ctx, next);
  return { step: 0, data: next };
}

async function askTask(ctx: MemberContext, data: FormData, note?: string): Promise<void> {
  const tasks = data.taskChoices.map((id) => ctx.catalog.task(id)!);
  const lines = tasks.map((task, i) => {
    const status = ctx.store.view.submissions.status(data.month, task.id, data.sectionId!);
    return t('form.pick_task_line', { n: i + 1, task: task.short, deadline: formatDayTime(deadlineOf(task, data.month, ctx.catalog)), status: STATUS_LABELS[status] });
  });
  await sendDirect(ctx, {
    card: {
      title: t('form.pick_task_title', { month: monthLabel(data.month), section: ctx.roster.section(data.sectionId!)!.name }),
      lines: [...(note ? [note] : []), ...lines],
      buttons: tasks.map((task) => ({ label: task.short, value: task.short })),
    },
  });
}

async function pickTask(ctx: MemberContext, data: FormData, text: string): Promise<FlowState | null> {
  const tasks = data.taskChoices.map((id) => ctx.catalog.task(id)!);
  const byName = ctx.catalog.findTask(normalizeInput(text));
  const index = byName ? data.taskChoices.indexOf(byName.id) : -1;
  const picked = index >= 0 ? { ok: true as const, value: tasks[index]!.short } : parseChoice(text, tasks.map((x) => x.short));
  if (!picked.ok) {
    await sendDirect(ctx, t('form.pick_invalid', { reason: picked.reason, hint: t('form.pick_hint', { example: tasks[0]!.short }) }));
    return { step: 0, data: data };
  }
  return beginTask(ctx, data, tasks.find((x) => x.short === picked.value)!);
}

async function beginTask(ctx: MemberContext, data: FormData, task: Task): Promise<FlowState | null> {
  const next: FormData = { ...data, stage: 'field', taskId: task.id, formVersion: ctx.catalog.formVersion(task), answers: {}, listDraft: [], failures: 0, editing: false };
  const section = ctx.roster.section(next.sectionId!)!;
  // Also when the exemption came after the menu was shown.
  const exemption = ctx.store.view.submissions.exemption(data.month, task.id, section.id);
  if (exemption) {
    const by = ctx.roster.person(exemption.by)?.name ?? exemption.by;
    await sendDirect(ctx, t('forms.exempt_task', { section: section.name, month: monthLabel(data.month), task: task.short, by, reason: exemption.reason }));
    return null;
  }
  const deadline = deadlineOf(task, data.month, ctx.catalog);
  const intro = [t('form.intro', { task: task.name, month: monthLabel(data.month), section: section.name, deadline: formatDayTime(deadline), count: task.fields.length })];
  if (ctx.now > deadline) intro.push(t('forms.late_warning', { deadline: formatDayTime(deadline) }));
  // A returned submission reopens with its answers: only what was wrong needs changing.
  const returned = ctx.store.view.submissions.current(data.month, task.id, section.id);
  if (returned?.returned && returned.formVersion === next.formVersion) {
    const by = ctx.roster.person(returned.returned.by)?.name ?? returned.returned.by;
    intro.push(t('forms.returned_reopened', { by, at: formatDayTime(new Date(returned.returned.at)), reason: returned.returned.reason }));
    return showSummary(ctx, { ...next, answers: structuredClone(returned.answers), approximate: returned.approximate }, task, intro.join('\n'));
  }
  return askField(ctx, next, task, nextFieldIndex(task, next, -1)!, intro.join('\n'));
}

// —— questions and answers ——

async function askField(ctx: MemberContext, data: FormData, task: Task, index: number, prefix?: string): Promise<FlowState> {
  const field = task.fields[index]!;
  const question = t('form.question', { n: index + 1, total: task.fields.length, label: field.label, optional: field.optional ? t('form.optional_mark') : '', hint: field.hint });
  let listDraft = data.listDraft;
  if (field.type === 'list' && !listDraft.length && Array.isArray(data.answers[field.id])) listDraft = [...(data.answers[field.id] as ListItem[])];
  const lines = [prefix, question, field.type === 'list' && listDraft.length ? t('form.list_so_far', { count: listDraft.length, items: formatAnswer(field, listDraft) }) : undefined].filter((x): x is string => Boolean(x));
  const buttons = fieldType(field).buttons(field);
  await sendDirect(ctx, buttons ? { card: { title: task.short, lines, buttons } } : { text: lines.join('\n') });
  return { step: index, data: { ...data, stage: 'field', listDraft } };
}

async function answerField(ctx: MemberContext, data: FormData, task: Task, index: number, raw: string): Promise<FlowState | null> {
  const field = task.fields[index]!;
  const text = normalizeInput(raw);
  if (BACK.test(text)) {
    if (field.type === 'list' && data.listDraft.length) {
      const removed = data.listDraft[data.listDraft.length - 1]!;
      const listDraft = data.listDraft.slice(0, -1);
      await sendDirect(ctx, t('form.list_removed', { n: data.listDraft.length, item: clip(Object.values(removed).join('｜')) }));
      return { step: index, data: { ...data, listDraft } };
    }
    const previous = previousFieldIndex(task, data, index);
    if (previous === undefined) return askField(ctx, data, task, index, t('form.first'));
    return askField(ctx, { ...data, listDraft: [], failures: 0 }, task, previous);
  }
  if (SKIP.test(text)) {
    if (!field.optional) return refuse(ctx, data, task, index, t('form.required', { label: field.label }));
    // Recorded as null, not left out, so that editing from the summary does not ask it again.
    return advance(ctx, { ...data, answers: { ...data.answers, [field.id]: null }, listDraft: [] }, task, index);
  }
  if (field.type === 'list') return answerList(ctx, data, task, index, field, raw);
  if (!raw.trim()) return refuse(ctx, data, task, index, t('form.empty'));
  if (field.type !== 'text' && looksLikeQuestion(raw)) return answerThenRepeat(ctx, data, task, index, raw);
  const parsed = parseAnswer(raw, field, ctx.now);
  if (!parsed.ok) {
    if (looksLikeQuestion(raw)) return answerThenRepeat(ctx, data, task, index, raw);
    return refuse(ctx, data, task, index, parsed.reason);
  }
  const answers = { ...data.answers, [field.id]: parsed.value };
  if ('at_most' in field && field.at_most) {
    const limit = answers[field.at_most];
    if (typeof limit === 'number' && (parsed.value as number) > limit) {
      const other = task.fields.find((f) => f.id === field.at_most)!;
      return refuse(ctx, data, task, index, t('form.cross_over', { label: field.label, value: parsed.value as number, other: other.label, otherValue: limit }));
    }
  }
  // A later answer that now exceeds this one is dropped, to be asked again, rather than kept wrong.
  const notes: string[] = [];
  for (const dependent of task.fields) {
    const value = answers[dependent.id];
    if ('at_most' in dependent && dependent.at_most === field.id && typeof value === 'number' && value > (parsed.value as number)) {
      notes.push(t('form.cross_cleared', { other: dependent.label, otherValue: value, label: field.label }));
      delete answers[dependent.id];
    }
  }
  const approximate = flagApproximate(data.approximate, field.id, parsed.approximate === true);
  return advance(ctx, { ...data, answers, approximate, failures: 0 }, task, index, notes.join('\n') || undefined);
}

async function answerList(ctx: MemberContext, data: FormData, task: Task, index: number, field: ListField, raw: string): Promise<FlowState | null> {
  const text = normalizeInput(raw);
  if (DONE.test(text)) {
    if (data.listDraft.length < field.min_items) return refuse(ctx, data, task, index, t('form.list_min', { min: field.min_items, count: data.listDraft.length }));
    return advance(ctx, { ...data, answers: { ...data.answers, [field.id]: data.listDraft }, listDraft: [], failures: 0 }, task, index);
  }
  if (!raw.trim()) return refuse(ctx, data, task, index, t('form.empty'));
  if (raw.length > MAX_LIST_ITEM_LENGTH) return refuse(ctx, data, task, index, t('form.too_long', { length: raw.length, max: MAX_LIST_ITEM_LENGTH }));
  if (looksLikeQuestion(raw)) return answerThenRepeat(ctx, data, task, index, raw);
  const parsed = parseListItem(raw, field, ctx.now);
  if (!parsed.ok) return refuse(ctx, data, task, index, parsed.reason);
  const listDraft = [...data.listDraft, parsed.value];
  const shown = clip(field.item.map((f) => parsed.value[f.id]).filter(Boolean).join('｜'));
  if (listDraft.length >= field.max_items) {
    await sendDirect(ctx, `${t('form.list_added', { n: listDraft.length, item: shown })}\n${t('form.list_full', { max: field.max_items })}`);
    return advance(ctx, { ...data, answers: { ...data.answers, [field.id]: listDraft }, listDraft: [], failures: 0 }, task, index);
  }
  await sendDirect(ctx, t('form.list_added', { n: listDraft.length, item: shown }));
  return { step: index, data: { ...data, listDraft, failures: 0 } };
}

async function answerThenRepeat(ctx: MemberContext, data: FormData, task: Task, index: number, question: string): Promise<FlowState> {
  await ctx.answerQuestion(question);
  return askField(ctx, data, task, index);
}

async function refuse(ctx: MemberContext, data: FormData, task: Task, index: number, reason: string): Promise<FlowState> {
  const field = task.fields[index]!;
  const failures = data.failures + 1;
  const lines = [t('form.invalid', { reason, label: field.label, hint: field.hint })];
  if (failures >= 3) lines.push(t('form.too_many_failures', { count: failures }));
  await sendDirect(ctx, lines.join('\n'));
  return { step: index, data: { ...data, failures } };
}

async function advance(ctx: MemberContext, data: FormData, task: Task, index: number, note?: string): Promise<FlowState> {
  const answers = dropHidden(task, data.answers);
  const next = nextFieldIndex(task, { ...data, answers }, index);
  if (next === undefined) return showSummary(ctx, { ...data, answers, editing: false }, task, note);
  return askField(ctx, { ...data, answers }, task, next, note);
}

// —— summary and save ——

async function showSummary(ctx: MemberContext, data: FormData, task: Task, note?: string): Promise<FlowState> {
  const section = ctx.roster.section(data.sectionId!)!;
  const deadline = formatDayTime(deadlineOf(task, data.month, ctx.catalog));
  await sendDirect(ctx, {
    card: {
      title: t('form.summary_title', { task: task.name }),
      lines: [...(note ? [note] : []), t('form.summary_meta', { month: monthLabel(data.month), section: section.name, deadline }), ...summaryLines(task, data.answers, approximateAnswers(data.approximate, data.answers)), t('form.summary_hint')],
      buttons: [
        { label: t('form.button_confirm'), value: '确认' },
        { label: t('form.button_back'), value: '上一步' },
        { label: t('form.button_cancel'), value: '取消' },
      ],
    },
  });
  return { step: task.fields.length, data: { ...data, stage: 'confirm', failures: 0 } };
}

async function confirm(ctx: MemberContext, data: FormData, task: Task, raw: string): Promise<FlowState | null> {
  const text = normalizeInput(raw);
  if (BACK.test(text)) return askField(ctx, data, task, previousFieldIndex(task, data, task.fields.length)!);
  const edit = EDIT.exec(text);
  if (edit) {
    const n = Number(edit[1]);
    const field = task.fields[n - 1];
    if (!field || !isVisible(field, data.answers)) return reprompt(ctx, data, task, t('form.edit_bad', { n, total: task.fields.length }));
    return askField(ctx, { ...data, editing: true, listDraft: [] }, task, n - 1);
  }
  if (!CONFIRM.test(text)) {
    if (looksLikeQuestion(raw)) {
      await ctx.answerQuestion(raw);
      return reprompt(ctx, data, task, t('form.confirm_prompt'));
    }
    return reprompt(ctx, data, task, t('form.confirm_prompt'));
  }
  return save(ctx, data, task);
}

async function reprompt(ctx: MemberContext, data: FormData, task: Task, message: string): Promise<FlowState> {
  await sendDirect(ctx, message);
  return { step: task.fields.length, data: data };
}

async function save(ctx: MemberContext, data: FormData, task: Task): Promise<null> {
  const section = ctx.roster.section(data.sectionId!)!;
  const deadline = deadlineOf(task, data.month, ctx.catalog);
  const late = ctx.now > deadline;
  const submission = {
    month: data.month,
    taskId: task.id,
    sectionId: section.id,
    answers: data.answers,
    formVersion: data.formVersion!,
    submittedBy: ctx.person.id,
    submittedAt: ctx.now,
    late,
    approximate: approximateAnswers(data.approximate, data.answers),
  };
  // Saved and closed in one transaction, before anything is sent.
  const previous = await closeForm(ctx, subjectOf({ step: 0, data }), { id: SUBMISSION_FLOW, subject: subjectOf }, (tx) => tx.submissions.add(submission));
  const status = late ? t('form.status_late', { deadline: formatDayTime(deadline) }) : t('form.status_on_time', { deadline: formatDayTime(deadline) });
  const lines = [t('form.saved', { task: task.short, month: monthLabel(data.month), section: section.name, status })];
  if (previous) lines.push(t('form.replaced', { previous: formatDayTime(new Date(previous.submittedAt)) }));
  await sendDirect(ctx, lines.join('\n'));
  if (ctx.catalog.defaults.notify_admins_on_submit) {
    await notifyAdmins(ctx, t('form.admin_notice', { section: section.name, person: ctx.person.name, task: task.short, month: monthLabel(data.month), status: late ? t('status.late_word') : t('status.on_time_word') }));
  }
  return null;
}

/** What a submission form is about: one set-aside form per month, section(s) and task. */
function subjectOf(state: FlowState): string {
  const parsed = formDataSchema.safeParse(state.data);
  if (!parsed.success) return '?';
  return [parsed.data.month, parsed.data.sectionId ?? parsed.data.sectionChoices.join('+'), parsed.data.taskId ?? ''].join('|');
}

/** The next applicable field after `index`; when editing, the next one still unanswered. */
function nextFieldIndex(task: Task, data: FormData, index: number): number | undefined {
  for (let i = index + 1; i < task.fields.length; i++) {
    const field = task.fields[i]!;
    if (!isVisible(field, data.answers)) continue;
    if (data.editing && field.id in data.answers) continue;
    return i;
  }
  return undefined;
}

function previousFieldIndex(task: Task, data: FormData, index: number): number | undefined {
  for (let i = index - 1; i >= 0; i--) if (isVisible(task.fields[i]!, data.answers)) return i;
  return undefined;
}

/** Answers to questions that no longer apply (their `when` is not met) are not kept. */
function dropHidden(task: Task, answers: Record<string, unknown>): Record<string, unknown> {
  const kept = { ...answers };
  for (const field of task.fields) if (!isVisible(field, kept)) delete kept[field.id];
  return kept;
}

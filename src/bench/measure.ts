import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { conversationKey } from '../conversations/conversations';
import type { ConversationState } from '../store/schema';
import { isOwed } from '../submissions/records';
import { monthOf } from '../tasks/period';
import type { Field } from '../tasks/schema';
import type { BenchBot } from './bench-bot';

/** Samples taken of a step at most, and at least even when the budget is spent. */
const MAX_SAMPLES = 60;
const MIN_SAMPLES = 5;
/** The virtual time between two messages of one person. */
const STEP_MS = 5_000;

export interface Timings {
  p50: number;
  p99: number;
  samples: number;
}

/**
 * Milliseconds per answer in the 填报 conversation: reporters in turn start a form for a task
 * their section still owes in their direct chat and answer it to the end (确认 included), as
 * people type. The first answer warms up and is not counted. Each answer must move the form on,
 * and each form must end saved: timing refusals would measure something else.
 */
export async function formAnswers(bench: BenchBot, budgetMs: number): Promise<Timings> {
  const { roster, catalog, store, clock } = bench;
  const month = monthOf(clock.now());
  const forms = roster.people
    .filter((p) => p.roles.includes('reporter') && !p.roles.includes('admin'))
    .flatMap((p) => {
      const sectionId = p.sections[0]!;
      const task = catalog.tasksOwedBy(sectionId).find((task) => isOwed(store.view.submissions.status(month, task.id, sectionId)));
      return task ? [{ personId: p.id, sectionId, task }] : [];
    });
  const times: number[] = [];
  const started = performance.now();
  let warm = false;
  for (const { personId, sectionId, task } of spread(forms)) {
    if (times.length >= MAX_SAMPLES || (times.length >= MIN_SAMPLES && performance.now() - started > budgetMs)) break;
    await step(bench, () => bench.say(personId, `填报 ${task.short}`, 'dm'));
    const key = conversationKey('simulate', personId);
    for (let state = store.view.forms.open(key); state; state = store.view.forms.open(key)) {
      const before = positionOf(state);
      const answer = answerTo(before, task.fields[before.step]);
      const took = await step(bench, () => bench.say(personId, answer, 'dm'));
      if (warm) times.push(took);
      warm = true;
      const after = store.view.forms.open(key);
      if (after && isDeepStrictEqual(positionOf(after), before)) throw new Error(`the form did not take the answer ${answer} to ${task.id} step ${before.step}`);
    }
    if (isOwed(store.view.submissions.status(month, task.id, sectionId))) throw new Error(`the ${task.id} form of ${personId} ended without saving`);
  }
  return timings(times);
}

/** Milliseconds per 进度 of an admin (the whole department's matrix), in their direct chat; the first warms up. */
export async function progressReplies(bench: BenchBot, budgetMs: number): Promise<Timings> {
  const admin = bench.roster.admins()[0]!;
  await step(bench, () => bench.say(admin.id, '进度', 'dm'));
  const times: number[] = [];
  const started = performance.now();
  while (times.length < MAX_SAMPLES && (times.length < MIN_SAMPLES || performance.now() - started <= budgetMs)) {
    times.push(await step(bench, () => bench.say(admin.id, '进度', 'dm')));
  }
  return timings(times);
}

/**
 * Seconds until the bot has handled `text` sent at the same moment by each of `people` in the
 * group; `progress` is told how many are done every second.
 */
export async function burst(bench: BenchBot, people: string[], text: string, progress: (done: number) => void): Promise<number> {
  let done = 0;
  const ticker = setInterval(() => progress(done), 1000);
  const started = performance.now();
  try {
    await Promise.all(people.map((id) => bench.say(id, text, 'group').then(() => void done++)));
  } finally {
    clearInterval(ticker);
  }
  return (performance.now() - started) / 1000;
}

/** Up to `count` different people, taken across the whole roster rather than its first sections. */
export function burstPeople(bench: BenchBot, count: number, may: (roles: readonly string[]) => boolean): string[] {
  return spread(bench.roster.people.filter((p) => may(p.roles))).slice(0, count).map((p) => p.id);
}

/** Where a submission form stands, from its saved state (src/flows/submission-form.ts): an answer must move it. */
interface Position {
  step: number;
  stage: unknown;
  listItems: number;
}

function positionOf(state: ConversationState): Position {
  const { stage, listDraft } = state.data;
  return { step: state.step, stage, listItems: Array.isArray(listDraft) ? listDraft.length : 0 };
}

/** A valid answer to where the form stands: 12 for a number (at most any other), 否 for yes/no … */
function answerTo(position: Position, field: Field | undefined): string {
  if (position.stage === 'confirm') return '确认';
  if (position.stage !== 'field' || !field) return '1';
  switch (field.type) {
    case 'integer':
    case 'number':
      return '12';
    case 'text':
      return '无';
    case 'date':
      return '今天';
    case 'yesno':
      return '否';
    case 'choice':
      return '1';
    case 'list':
      return position.listItems < field.min_items ? '诚信宣传进社区 今天' : '完成';
  }
}

/** Runs one message a step of virtual time after the previous, and says how long it took in milliseconds. */
async function step(bench: BenchBot, say: () => Promise<void>): Promise<number> {
  bench.clock.set(new Date(bench.clock.now().getTime() + STEP_MS));
  const started = performance.now();
  await say();
  return performance.now() - started;
}

/** Every item once, in an order that strides through the list, so a sample is not all one corner of the department. */
function spread<T>(items: T[]): T[] {
  const stride = [7, 11, 13, 17].find((s) => items.length % s !== 0) ?? 1;
  return items.map((_, i) => items[(i * stride) % items.length]!);
}

function timings(times: number[]): Timings {
  const sorted = [...times].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
  return { p50: rank(0.5), p99: rank(0.99), samples: sorted.length };
}

import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { workCalendar } from '../calendar/work-calendar';
import { recordFirstDelivery } from '../core/first-delivery';
import { housekeepingJob } from '../core/housekeeping';
import { renderText } from '../core/render-text';
import type { Logger } from '../logger';
import type { Outgoing } from '../model/message';
import type { Roster } from '../org/roster';
import { verifiersOf } from '../points/records';
import { noticeFor } from '../ranking/notice';
import { savePublished } from '../flows/ranking-publication';
import { reminderJob } from '../reminders/reminder-job';
import { emptyDb, type Db } from '../store/schema';
import type { Store } from '../store/store';
import { isVisible } from '../submissions/summary';
import type { TaskCatalog } from '../tasks/catalog';
import { atLocalTime, deadlineOf, dueDateOf, monthOf, nextMonth, previousMonth, type MonthKey } from '../tasks/period';
import type { Field, Task } from '../tasks/schema';
import { ZONE } from '../time';
import { memoryStore } from './memory-store';
import { seededRandom, type Random } from './seeded-random';

/** What became of a section's task in a month, in shares of all (section, task) cells. */
const SHARES = { exempt: 0.02, missing: 0.03, late: 0.1 };
/** Of the cells submitted: sent back by an admin and submitted again, or corrected by the reporter. */
const RETURNED = 0.04;
const CORRECTED = 0.03;
/** Points items reported a month, per section. */
const POINTS_PER_SECTION = 0.3;
/** Of the reporters a group reminder mentions, those who answer 收到 in the group. */
const ACKNOWLEDGING = 0.3;
/** Months whose ranking is published a second time, as a correction, when late reports changed it. */
const CORRECTION = 0.4;

const CHANNEL = 'simulate';

export interface HistoryOptions {
  roster: Roster;
  catalog: TaskCatalog;
  /** Months of history, the last being the month of `until`. */
  months: number;
  /** The state as it is at this moment: everything before it has happened. */
  until: Date;
  log: Logger;
  seed?: number;
}

/** A moment in the department's history (moments at the same time keep the order they were planned in). */
interface Happening {
  at: Date;
  run: (store: Store, now: Date) => Promise<void>;
}

/**
 * The department's state after `months` months of work, made by the modules that record it in
 * the live bot: reports saved by the submission records (late when after the deadline), some
 * exempted, returned and submitted again or corrected; the reminder job run at every pass of every
 * working day, its messages recorded in the outbox and marked sent as delivery does (with their
 * cards); each month's ranking published as 确认发布 does, sometimes corrected; points items
 * reported and reviewed; every message people send recorded for dedupe; nightly housekeeping.
 *
 * Generated in memory. Only the months the modules look at are kept at hand while generating
 * (the planner sees the months around today), older ones are set aside and joined back, in the
 * order they were recorded, at the end.
 */
export async function generateHistory(options: HistoryOptions): Promise<Db> {
  const { roster, catalog, months, until, log } = options;
  const random = seededRandom(options.seed ?? 14);
  const lastMonth = monthOf(until);
  let firstMonth = lastMonth;
  for (let i = 1; i < months; i++) firstMonth = previousMonth(firstMonth);
  const start = DateTime.fromFormat(firstMonth, 'yyyy-MM', { zone: ZONE });

  const happenings: Happening[] = [];
  const at = (time: Date, run: Happening['run']) => {
    if (time < until) happenings.push({ at: time, run });
  };
  const people = { say: (store: Store, at: Date, messages = 1) => recordMessages(store, at, messages, random) };

  // The bot runs from the first working morning: the reminder job at both passes of every working
  // day (its startup run is the first of them), housekeeping every night.
  const send = (store: Store, now: Date) => async (out: Outgoing) => {
    await store.change((tx) => tx.cards.recordSent(CHANNEL, out, randomUUID(), now));
    if (out.to.kind !== 'group') return;
    const acknowledging = out.mentions.filter(() => random.chance(ACKNOWLEDGING)).length;
    await people.say(store, new Date(now.getTime() + random.int(1, 60) * 60_000), acknowledging);
  };
  for (let day = start; day.toJSDate() < until; day = day.plus({ days: 1 })) {
    const date = day.toISODate()!;
    at(atLocalTime(date, '03:00'), (store, now) => housekeepingJob(store).run(now));
    if (!workCalendar.isWorkday(date)) continue;
    for (const pass of [catalog.defaults.reminders.direct_at, catalog.defaults.reminders.group_at]) {
      at(atLocalTime(date, pass), async (store, now) => reminderJob({ store, catalog, roster, log, send: send(store, now) }).run(now));
    }
  }

  for (let month = firstMonth; month <= lastMonth; month = nextMonth(month)) {
    planSubmissions(month, { roster, catalog, random, at, people });
    planPoints(month, { roster, catalog, random, at, people });
    planPublication(month, { roster, catalog, random, at, people });
  }

  happenings.sort((a, b) => a.at.getTime() - b.at.getTime());
  const history = new History();
  for (const happening of happenings) {
    history.keepAtHand(monthOf(happening.at));
    await happening.run(history.store, happening.at);
  }
  return history.all();
}

interface Planning {
  roster: Roster;
  catalog: TaskCatalog;
  random: Random;
  at: (time: Date, run: Happening['run']) => void;
  people: { say: (store: Store, at: Date, messages?: number) => Promise<void> };
}

/** Every (section, task) cell of the month: submitted on time or late, exempted, or never. */
function planSubmissions(month: MonthKey, { roster, catalog, random, at, people }: Planning): void {
  const admins = roster.admins();
  for (const task of catalog.tasks) {
    const due = dueDateOf(task, month);
    const deadline = deadlineOf(task, month, catalog);
    for (const sectionId of catalog.sectionsOwing(task)) {
      const reporter = roster.membersWithRole(sectionId, 'reporter')[0]!;
      const r = random.next();
      if (r < SHARES.exempt) {
        const admin = random.pick(admins);
        at(workingTime(workCalendar.addWorkdays(due, -random.int(3, 8)), random), async (store, now) => {
          await people.say(store, now);
          await store.change((tx) => tx.submissions.exempt({ month, taskId: task.id, sectionId, reason: random.pick(EXEMPTION_REASONS), by: admin.id, at: now.toISOString() }));
        });
        continue;
      }
      if (r < SHARES.exempt + SHARES.missing) continue;
      const late = r < SHARES.exempt + SHARES.missing + SHARES.late;
      const day = late ? workCalendar.addWorkdays(due, random.int(1, 5)) : workCalendar.addWorkdays(due, -random.int(0, 7));
      let time = workingTime(day, random);
      if (!late && time > deadline) time = deadline;
      const submit = async (store: Store, now: Date) => {
        const answers = generatedAnswers(task, month, random);
        await people.say(store, now, Object.keys(answers).length + 2);
        await store.change((tx) => tx.submissions.add({ month, taskId: task.id, sectionId, answers, formVersion: catalog.formVersion(task), submittedBy: reporter.id, submittedAt: now, late: now > deadline }));
      };
      at(time, submit);
      if (random.chance(RETURNED)) {
        const admin = random.pick(admins);
        const returnDay = workCalendar.addWorkdays(day, random.int(1, 2));
        at(workingTime(returnDay, random), async (store, now) => {
          await people.say(store, now);
          const returned = store.view.submissions.current(month, task.id, sectionId);
          if (returned) await store.change((tx) => tx.submissions.sendBack(returned, admin.id, now, random.pick(RETURN_REASONS)));
        });
        at(workingTime(workCalendar.addWorkdays(returnDay, random.int(1, 2)), random), submit);
      } else if (random.chance(CORRECTED)) {
        at(workingTime(workCalendar.addWorkdays(day, random.int(0, 2)), random), submit);
      }
    }
  }
}

/** Points items reported by anyone but the admins, reviewed by whoever verifies them a few days later. */
function planPoints(month: MonthKey, { roster, catalog, random, at, people }: Planning): void {
  const reporters = roster.people.filter((p) => !p.roles.includes('admin'));
  const firstDay = DateTime.fromFormat(month, 'yyyy-MM', { zone: ZONE });
  const count = Math.max(1, Math.round(roster.sections.length * POINTS_PER_SECTION));
  for (let i = 0; i < count; i++) {
    const person = random.pick(reporters);
    const sectionId = person.sections[0]!;
    const item = random.pick(catalog.points.items);
    const day = workCalendar.nearestWorkday(firstDay.plus({ days: random.int(0, 27) }).toISODate()!, 'next');
    let no = 0;
    at(workingTime(day, random), async (store, now) => {
      await people.say(store, now, 4);
      const reported = await store.change((tx) => tx.points.add({ personId: person.id, sectionId, month, kind: item.kind, item: item.name, points: item.points, reason: random.pick(POINTS_REASONS), reportedAt: now.toISOString() }));
      no = reported.no;
    });
    const reviewer = verifiersOf(roster, person.id, sectionId)[0]!;
    at(workingTime(workCalendar.addWorkdays(day, random.int(1, 3)), random), async (store, now) => {
      if (!no) return;
      await people.say(store, now);
      const approved = random.chance(0.85);
      await store.change((tx) => tx.points.review(no, approved ? 'approved' : 'returned', reviewer.id, now, approved ? '' : random.pick(RETURN_REASONS)));
    });
  }
}

/**
 * The month's ranking published by an admin the afternoon its draft arrives (排名 发布, then 确认发布,
 * recorded as the confirmation records it), and in some months published again as a correction
 * two working days later, when late reports changed it.
 */
function planPublication(month: MonthKey, { roster, catalog, random, at, people }: Planning): void {
  const lastDue = catalog.tasks.map((task) => dueDateOf(task, month)).sort().at(-1)!;
  const draftDay = workCalendar.addWorkdays(lastDue, 1);
  const admin = random.pick(roster.admins());
  const publish = async (store: Store, now: Date) => {
    const notice = noticeFor(store.view, roster, catalog, month, now);
    if (!notice.rows.length || notice.unchanged) return;
    await people.say(store, now, 2);
    const content = { card: notice.card };
    const text = renderText(content);
    await store.change((tx) => tx.rankings.setPending(admin.id, { month, preparedAt: now.toISOString(), expiresAt: new Date(now.getTime() + 3_600_000).toISOString(), text }));
    const message = { to: { kind: 'group' as const, groupId: roster.mainGroup.id }, mentions: [], content };
    const outboxId = await savePublished(store, admin.id, { month, publishedAt: now.toISOString(), publishedBy: admin.id, correction: Boolean(notice.earlier), rows: notice.rows, text }, message);
    await store.change((tx) => {
      tx.cards.recordSent(CHANNEL, message, randomUUID(), now);
      tx.outbox.markSent(outboxId, now);
    });
  };
  at(atLocalTime(draftDay, '15:00'), publish);
  if (random.chance(CORRECTION)) at(atLocalTime(workCalendar.addWorkdays(draftDay, 2), '15:00'), publish);
}

/**
 * What people type reaches the bot as messages, each recorded once for dedupe (kept a week by
 * housekeeping), whether it starts a form, answers one or is a 收到 in the group.
 */
async function recordMessages(store: Store, at: Date, messages: number, random: Random): Promise<void> {
  for (let i = 0; i < messages; i++) {
    await recordFirstDelivery(store, `${CHANNEL}|${randomUUID()}`, new Date(at.getTime() + i * random.int(5, 60) * 1000));
  }
}

/**
 * The state being generated, with only the months the modules read at hand: the submissions and
 * exemptions of this month and the last, and the outbox since the start of last month. The planner
 * reads the months around today and the outbox keys of today and of those months' drafts; late
 * reports, returns and corrections of a month all come within the next.
 */
class History {
  readonly store: Store;
  readonly #data: Db;
  readonly #aside: Pick<Db, 'submissions' | 'exemptions' | 'outbox'> = { submissions: [], exemptions: [], outbox: [] };
  #month = '';

  constructor() {
    this.#data = emptyDb();
    this.store = memoryStore(this.#data);
  }

  keepAtHand(month: MonthKey): void {
    if (month === this.#month) return;
    this.#month = month;
    const oldestMonth = previousMonth(month);
    const outboxSince = DateTime.fromFormat(previousMonth(month), 'yyyy-MM', { zone: ZONE }).toJSDate().toISOString();
    const data = this.#data;
    const split = <T>(items: T[], old: (item: T) => boolean, aside: T[]): T[] => {
      aside.push(...items.filter(old));
      return items.filter((item) => !old(item));
    };
    data.submissions = split(data.submissions, (s) => s.month < oldestMonth, this.#aside.submissions);
    data.exemptions = split(data.exemptions, (e) => e.month < oldestMonth, this.#aside.exemptions);
    data.outbox = split(data.outbox, (e) => e.createdAt < outboxSince, this.#aside.outbox);
  }

  /** The whole state, each list in the order it was recorded in. */
  all(): Db {
    const data = this.#data;
    const inOrder = <T>(items: T[], time: (item: T) => string) => items.sort((a, b) => Date.parse(time(a)) - Date.parse(time(b)));
    return {
      ...data,
      submissions: inOrder([...this.#aside.submissions, ...data.submissions], (s) => s.submittedAt),
      exemptions: inOrder([...this.#aside.exemptions, ...data.exemptions], (e) => e.at),
      outbox: inOrder([...this.#aside.outbox, ...data.outbox], (e) => e.createdAt),
    };
  }
}

/** Answers as the form records them: numbers, texts, yes/no, dates and lists, each within its field's limits. */
export function generatedAnswers(task: Task, month: MonthKey, random: Random): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const field of task.fields) {
    if (!isVisible(field, answers)) continue;
    answers[field.id] = field.optional && random.chance(0.2) ? null : answerFor(field, answers, month, random);
  }
  return answers;
}

function answerFor(field: Field, answers: Record<string, unknown>, month: MonthKey, random: Random): unknown {
  const day = () => `${month}-${String(random.int(1, 28)).padStart(2, '0')}`;
  switch (field.type) {
    case 'integer':
    case 'number': {
      const limit = field.at_most !== undefined && typeof answers[field.at_most] === 'number' ? (answers[field.at_most] as number) : Math.min(field.max, 300);
      const value = limit - random.int(0, Math.min(limit, 5));
      return field.type === 'integer' ? Math.max(field.min, Math.round(value)) : Math.max(field.min, value);
    }
    case 'text':
      return random.pick(TEXTS).slice(0, field.max_length);
    case 'date':
      return day();
    case 'yesno':
      return random.chance(0.3);
    case 'choice':
      return random.pick(field.options);
    case 'list':
      return Array.from({ length: random.int(Math.max(field.min_items, 1), Math.min(field.max_items, 3)) }, () =>
        Object.fromEntries(field.item.map((item) => [item.id, item.type === 'url' ? `https://example.com/news/${random.int(1000, 9999)}` : item.type === 'date' ? day() : random.pick(TITLES)])),
      );
  }
}

/** A working moment of the day, between 09:00 and 17:30. */
function workingTime(date: string, random: Random): Date {
  const minutes = random.int(9 * 60, 17 * 60 + 29);
  return atLocalTime(date, `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`);
}

const TEXTS = [
  '已按要求完成本月工作，台账已同步更新。',
  '本月信用信息归集台账2026年度.xlsx',
  '对信用良好企业实行容缺受理，本月办理 12 件，平均办理时限压缩 40%。',
  '11月12日局长办公会学习《社会信用体系建设规划纲要》，参会 15 人。',
  '无',
  '已核实处置，并在门户网站披露处置结果。',
];
const TITLES = ['我局开展诚信宣传进社区活动', '信用承诺制在审批环节全面推行', '“信易批”惠企案例', '诚信建设宣传月启动', '重错码清理工作完成'];
const EXEMPTION_REASONS = ['本月无此项业务', '科室职能调整，本月不涉及', '人员借调，经领导同意本月免报'];
const RETURN_REASONS = ['数据与平台统计不一致，请核对后重报', '台账文件名缺失', '及时率计算口径有误'];
const POINTS_REASONS = ['服务对象送来锦旗', '信用动态信息被市信用网采用', '参加诚信宣传进社区活动', '材料迟报一天'];

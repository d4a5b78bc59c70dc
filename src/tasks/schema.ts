import { z } from '../zod';
import { formulaInputs, parseFormula } from './formula';

const id = z.string().regex(/^[a-z][a-z0-9_]*$/, '应为小写字母开头、由小写字母、数字和下划线组成的标识，例如 uploaded');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '应为 24 小时制时间，例如 "18:00"');

const base = {
  id,
  label: z.string().min(1),
  /** Shown under the question: what to count, and an example answer. */
  hint: z.string().min(1),
  optional: z.boolean().default(false),
  /** Ask only when an earlier yes/no or choice field has this answer. */
  when: z.object({ field: id, equals: z.union([z.boolean(), z.string()]) }).strict().optional(),
};

const integerField = z.object({
  ...base,
  type: z.literal('integer'),
  min: z.number().int().default(0),
  max: z.number().int().default(1_000_000),
  unit: z.string().default(''),
  /** This answer may not exceed that earlier field's (已上传 ≤ 许可决定数). */
  at_most: id.optional(),
}).strict();

const numberField = z.object({
  ...base,
  type: z.literal('number'),
  min: z.number().default(0),
  max: z.number().default(1_000_000),
  decimals: z.number().int().min(0).max(6).default(2),
  unit: z.string().default(''),
  at_most: id.optional(),
}).strict();

const textField = z.object({ ...base, type: z.literal('text'), max_length: z.number().int().min(1).max(2000).default(200) }).strict();
const dateField = z.object({ ...base, type: z.literal('date') }).strict();
const yesNoField = z.object({ ...base, type: z.literal('yesno') }).strict();
const choiceField = z.object({ ...base, type: z.literal('choice'), options: z.array(z.string().min(1)).min(2) }).strict();

const listItemField = z.object({
  id,
  label: z.string().min(1),
  type: z.enum(['text', 'url', 'date']),
  optional: z.boolean().default(false),
}).strict();

/** A repeatable entry typed one per message: "标题 链接", "活动名称 11月5日". */
const listField = z.object({
  ...base,
  type: z.literal('list'),
  item: z.array(listItemField).min(1).refine((f) => f.filter((x) => x.type === 'text').length <= 1, '每个条目最多一个文本项（其余为链接或日期）'),
  min_items: z.number().int().min(0).default(0),
  max_items: z.number().int().min(1).default(20),
}).strict();

export const fieldSchema = z.discriminatedUnion('type', [integerField, numberField, textField, dateField, yesNoField, choiceField, listField]);

const target = z
  .object({
    min: z.number().optional(),
    max: z.number().optional(),
    /** Which plan sets it, e.g. 历城方案. */
    source: z.string().min(1),
  })
  .strict()
  .refine((t) => (t.min === undefined) !== (t.max === undefined), '目标应写 min 或 max 之一');

const metric = z
  .object({
    id,
    label: z.string().min(1),
    formula: z.string().min(1),
    format: z.enum(['percent', 'count']).default('percent'),
    targets: z.array(target).default([]),
  })
  .strict();

/**
 * Whom to remind on which working day of a round (deadlines reminded together): a negative
 * `workdays` counts back from the round's first due date, 0 or more forward from its last.
 */
const reminderRule = z
  .object({
    id,
    workdays: z.number().int().min(-20).max(20),
    /** reporters: one DM to each reporter of a section still owing something; heads: one DM to
     *  each head of such a section; group: one group message mentioning those reporters. */
    audience: z.enum(['reporters', 'heads', 'group']),
  })
  .strict();

const task = z
  .object({
    id,
    name: z.string().min(1),
    /** A short name for tables and commands: 双公示. */
    short: z.string().min(1),
    /** The plan's clause this task reports on, e.g. 历城方案 三、（一）2. */
    basis: z.string().min(1),
    /** Section ids that owe it, or "all". */
    sections: z.union([z.literal('all'), z.array(z.string().min(1)).min(1)]),
    due_day: z.number().int().min(1).max(31),
    due_time: hhmm.optional(),
    /** A due date on a holiday or weekend moves to the previous working day, the next, or stays. */
    on_holiday: z.enum(['previous', 'next', 'unchanged']).default('previous'),
    /** Its share of a section's monthly score (历城 plan: weights are adjusted as needed). */
    weight: z.number().positive().default(10),
    fields: z.array(fieldSchema).min(1),
    metrics: z.array(metric).default([]),
  })
  .strict();

const pointsItem = z.object({ name: z.string().min(1), kind: z.enum(['add', 'deduct']), points: z.number().positive() }).strict();

export const tasksFileSchema = z
  .object({
    defaults: z
      .object({
        due_time: hhmm.default('18:00'),
        /** A half-filled form lapses at the end of working hours on this working day after its last answer. */
        form_lapse_workdays: z.number().int().min(1).max(10).default(1),
        /** Its filler gets a direct message this many minutes before it lapses. */
        form_reminder_minutes: z.number().int().min(10).max(480).default(120),
        /** Replaced by form_lapse_workdays: refused with what to write instead, never silently ignored. */
        idle_minutes: z
          .unknown()
          .optional()
          .refine((v) => v === undefined, 'idle_minutes 已停用：未填完的表单现在保留到下一个工作日下班（form_lapse_workdays: 1），过期前私聊提醒，过期后 7 天内可用「继续填报」恢复。请删除这一行，或改写为 form_lapse_workdays'),
        /** Tell the admins in a direct message each time a section submits (the daily digest tells them anyway). */
        notify_admins_on_submit: z.boolean().default(false),
        /** Reminders go out only on working days between these times. */
        working_hours: z.object({ start: hhmm, end: hhmm }).strict().default({ start: '09:00', end: '17:30' }),
        reminders: z
          .object({
            /** Due dates at most this many working days apart are one round, reminded together. */
            combine_within_workdays: z.number().int().min(0).max(10).default(3),
            /** When the day's direct messages go out (reporters, heads, the admins' digest), and the group message. */
            direct_at: hhmm.default('09:30'),
            group_at: hhmm.default('10:00'),
            /** Each working morning, the admins get what came in and what is overdue (only on days with news). */
            admin_digest: z.boolean().default(true),
            rules: z.array(reminderRule).default([
              { id: 'reporters_3d', workdays: -3, audience: 'reporters' },
              { id: 'group_1d', workdays: -1, audience: 'group' },
              { id: 'heads_1d', workdays: -1, audience: 'heads' },
              { id: 'heads_due', workdays: 0, audience: 'heads' },
              { id: 'reporters_due', workdays: 0, audience: 'reporters' },
            ]),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    tasks: z.array(task).min(1),
    ranking: z
      .object({
        /** A late submission earns this fraction of the task's weight. */
        late_fraction: z.number().min(0).max(1).default(0.6),
        /** Each rate that misses a plan target takes this fraction of the task's weight off. */
        target_deduction: z.number().min(0).max(1).default(0.2),
        /** When the draft notice reaches the admins: the first working day after the month's last deadline, at this time. */
        draft_at: hhmm.default('10:00'),
      })
      .strict()
      .prefault({}),
    points: z
      .object({
        /** The section that compiles everyone's points (办公室 in the 济阳 plan). */
        compiler_section: z.string().min(1),
        max_points: z.number().positive().default(10),
        items: z.array(pointsItem).min(1),
      })
      .strict(),
  })
  .strict()
  .superRefine((file, ctx) => {
    const fail = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const hours = file.defaults.working_hours;
    if (hours.start >= hours.end) fail(['defaults', 'working_hours'], `工作时间的开始（${hours.start}）应早于结束（${hours.end}）`);
    const reminders = file.defaults.reminders;
    for (const key of ['direct_at', 'group_at'] as const) {
      if (reminders[key] < hours.start || reminders[key] >= hours.end) {
        fail(['defaults', 'reminders', key], `提醒时间 ${reminders[key]} 不在工作时间 ${hours.start}–${hours.end} 内，提醒只在工作时间发送`);
      }
    }
    const ruleIds = new Set<string>();
    reminders.rules.forEach((rule, i) => {
      if (ruleIds.has(rule.id)) fail(['defaults', 'reminders', 'rules', i, 'id'], `提醒规则标识 ${rule.id} 重复`);
      ruleIds.add(rule.id);
    });
    const workingMinutes = minutesOf(hours.end) - minutesOf(hours.start);
    if (file.defaults.form_reminder_minutes >= workingMinutes) {
      fail(['defaults', 'form_reminder_minutes'], `表单过期提醒（提前 ${file.defaults.form_reminder_minutes} 分钟）应落在工作时间 ${hours.start}–${hours.end} 内`);
    }
    const taskIds = new Set<string>();
    const shorts = new Set<string>();
    file.tasks.forEach((t, ti) => {
      if (taskIds.has(t.id)) fail(['tasks', ti, 'id'], `任务标识 ${t.id} 重复`);
      if (shorts.has(t.short)) fail(['tasks', ti, 'short'], `任务简称“${t.short}”重复`);
      taskIds.add(t.id);
      shorts.add(t.short);
      const seen = new Map<string, (typeof t.fields)[number]>();
      t.fields.forEach((f, fi) => {
        const at = ['tasks', ti, 'fields', fi];
        if (seen.has(f.id)) fail([...at, 'id'], `任务 ${t.id} 的字段标识 ${f.id} 重复`);
        if (f.when) {
          const ref = seen.get(f.when.field);
          if (!ref || (ref.type !== 'yesno' && ref.type !== 'choice')) {
            fail([...at, 'when', 'field'], `任务 ${t.id} 的字段 ${f.id}：when 应引用它之前的是否题或选择题，${f.when.field} 不是`);
          }
        }
        if ((f.type === 'integer' || f.type === 'number') && f.at_most) {
          const ref = seen.get(f.at_most);
          if (!ref || (ref.type !== 'integer' && ref.type !== 'number')) {
            fail([...at, 'at_most'], `任务 ${t.id} 的字段 ${f.id}：at_most 应引用它之前的数字字段，${f.at_most} 不是`);
          }
        }
        if ((f.type === 'integer' || f.type === 'number') && f.min > f.max) fail([...at, 'min'], `任务 ${t.id} 的字段 ${f.id}：min 大于 max`);
        seen.set(f.id, f);
      });
      t.metrics.forEach((m, mi) => {
        const at = ['tasks', ti, 'metrics', mi, 'formula'];
        try {
          const inputs = formulaInputs(parseFormula(m.formula));
          for (const name of inputs.fields) {
            const f = seen.get(name);
            if (!f || (f.type !== 'integer' && f.type !== 'number')) fail(at, `任务 ${t.id} 的指标 ${m.id}：公式中的 ${name} 不是本任务的数字字段`);
          }
          for (const name of inputs.lists) {
            if (seen.get(name)?.type !== 'list') fail(at, `任务 ${t.id} 的指标 ${m.id}：count(${name}) 应引用本任务的列表字段`);
          }
        } catch (error) {
          fail(at, `任务 ${t.id} 的指标 ${m.id}：公式“${m.formula}”无效（${(error as Error).message}）`);
        }
      });
    });
  });

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

export type TasksFile = z.output<typeof tasksFileSchema>;
export type Task = TasksFile['tasks'][number];
export type Field = Task['fields'][number];
export type ListField = Extract<Field, { type: 'list' }>;
export type Metric = Task['metrics'][number];
export type Target = Metric['targets'][number];
export type PointsConfig = TasksFile['points'];
export type ReminderRule = z.output<typeof reminderRule>;
export type RankingRules = TasksFile['ranking'];

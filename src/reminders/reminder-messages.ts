import type { Button, Outgoing } from '../model/message';
import type { Roster } from '../org/roster';
import type { Person } from '../org/schema';
import { t } from '../prompts';
import type { Submission } from '../store/schema';
import { shortSectionName } from '../submissions/progress';
import type { TaskCatalog } from '../tasks/catalog';
import { monthOf, type MonthKey } from '../tasks/period';
import type { Task } from '../tasks/schema';
import { formatDayTime, formatDeadlineWithWeekday, localDateTime } from '../time';

/** One (task, month, section) still owed that a reminder names. */
export interface ReminderItem {
  task: Task;
  month: MonthKey;
  sectionId: string;
  deadline: Date;
}

/** One person's share of the day's direct message: as a reporter, a head, or an admin. */
export interface MessagePart {
  title: string;
  lines: string[];
  buttons: Button[];
}

/** 截止 11月26日（周四）18:00, 今天 18:00 截止, or 已逾期（截止 …）. */
function when(item: ReminderItem, now: Date): string {
  if (item.deadline < now) return t('reminder.when_overdue', { deadline: formatDeadlineWithWeekday(item.deadline) });
  if (localDateTime(item.deadline).hasSame(localDateTime(now), 'day')) return t('reminder.when_today', { time: localDateTime(item.deadline).toFormat('HH:mm') });
  return t('reminder.when_due', { deadline: formatDeadlineWithWeekday(item.deadline) });
}

/** A reporter's owed items, each with a button that opens exactly that form (`填报 任务 科室 月份`). */
export function reporterPart(person: Person, items: ReminderItem[], now: Date, roster: Roster): MessagePart {
  const section = (id: string) => roster.section(id)!;
  return {
    title: t('reminder.reporters_title'),
    lines: [
      t('reminder.reporters_intro', { name: person.name }),
      ...items.map((i) => t('reminder.item_line', { task: i.task.short, section: section(i.sectionId).name, when: when(i, now) })),
      t('reminder.reporters_hint'),
    ],
    buttons: items.map((i) => ({ label: buttonLabel(i, items, now, roster), value: `填报 ${i.task.short} ${shortSectionName(section(i.sectionId))} ${i.month}` })),
  };
}

/**
 * 「开始填报 制度学习」, told apart from its neighbours: a month other than the current one is named
 * (November's overdue task beside December's), and so is the section when the person reports for several.
 */
function buttonLabel(item: ReminderItem, items: ReminderItem[], now: Date, roster: Roster): string {
  const which = [
    ...(new Set(items.map((i) => i.sectionId)).size > 1 ? [shortSectionName(roster.section(item.sectionId)!)] : []),
    ...(item.month !== monthOf(now) ? [t('reminder.button_month', { month: Number(item.month.slice(5)) })] : []),
  ];
  return t('reminder.button', { task: item.task.short, which: which.length ? t('reminder.button_which', { which: which.join('，') }) : '' });
}

/** A head's sections' owed items, with who reports them. */
export function headPart(person: Person, items: ReminderItem[], now: Date, roster: Roster): MessagePart {
  const sections = [...new Set(items.map((i) => roster.section(i.sectionId)!.name))].join('、');
  const dueToday = items.some((i) => i.deadline >= now && localDateTime(i.deadline).hasSame(localDateTime(now), 'day'));
  return {
    title: dueToday ? t('reminder.heads_title_today') : t('reminder.heads_title'),
    lines: [
      t('reminder.heads_intro', { name: person.name, section: sections }),
      ...items.map((i) =>
        t('reminder.heads_item', {
          task: i.task.short,
          section: shortSectionName(roster.section(i.sectionId)!),
          when: when(i, now),
          reporters: roster.membersWithRole(i.sectionId, 'reporter').map((p) => p.name).join('、'),
        }),
      ),
      t('reminder.heads_hint'),
    ],
    buttons: [],
  };
}

/** The admins' morning digest: what came in since the last one, and everything overdue now. */
export function digestPart(since: Date, cameIn: Submission[], overdue: ReminderItem[], catalog: TaskCatalog, roster: Roster): MessagePart {
  const sectionName = (id: string) => shortSectionName(roster.section(id)!);
  const received = byTask(cameIn.map((s) => ({ key: `${s.month}|${s.taskId}`, task: catalog.task(s.taskId)!, value: s })));
  const missing = byTask(overdue.map((i) => ({ key: `${i.month}|${i.task.id}`, task: i.task, value: i })));
  return {
    title: t('reminder.digest_title'),
    lines: [
      cameIn.length ? t('reminder.digest_came_in', { since: formatDayTime(since), count: cameIn.length }) : t('reminder.digest_none_came_in', { since: formatDayTime(since) }),
      ...received.map(([task, subs]) =>
        t('reminder.digest_came_in_line', { task: task.short, sections: subs.map((s) => (s.late ? t('reminder.digest_late', { section: sectionName(s.sectionId) }) : sectionName(s.sectionId))).join('、') }),
      ),
      overdue.length ? t('reminder.digest_overdue') : t('reminder.digest_no_overdue'),
      ...missing.map(([task, items]) => t('reminder.digest_overdue_line', { task: task.short, deadline: formatDayTime(items[0]!.deadline), sections: items.map((i) => sectionName(i.sectionId)).join('、') })),
      t('reminder.digest_hint'),
    ],
    buttons: [],
  };
}

/** A person's one direct message of the day, whatever roles it speaks to. */
export function directMessage(personId: string, parts: MessagePart[]): Outgoing {
  const [only] = parts;
  return {
    to: { kind: 'direct', personId },
    mentions: [],
    content: {
      card: {
        title: parts.length === 1 ? only!.title : t('reminder.combined_title'),
        lines: parts.length === 1 ? only!.lines : parts.flatMap((p, i) => [...(i ? [''] : []), `【${p.title}】`, ...p.lines]),
        buttons: parts.flatMap((p) => p.buttons),
      },
    },
  };
}

/** The day's group message: by task, @-mentioning exactly the reporters of the sections still owing. */
export function groupMessage(groupId: string, items: ReminderItem[], now: Date, roster: Roster): Outgoing {
  const mentions = new Set<string>();
  const lines = byTask(items.map((i) => ({ key: `${i.month}|${i.task.id}`, task: i.task, value: i }))).map(([task, taskItems]) => {
    const people = taskItems.flatMap((i) =>
      roster.membersWithRole(i.sectionId, 'reporter').map((p) => {
        mentions.add(p.id);
        return t('reminder.group_person', { name: p.name, section: shortSectionName(roster.section(i.sectionId)!) });
      }),
    );
    return t('reminder.group_line', { task: task.short, when: when(taskItems[0]!, now), people: people.join(' ') });
  });
  return {
    to: { kind: 'group', groupId },
    mentions: [...mentions],
    content: { text: [`【${t('reminder.group_title')}】${t('reminder.group_intro')}`, ...lines, t('reminder.group_hint', { bot: roster.botName })].join('\n') },
  };
}

function byTask<T>(entries: Array<{ key: string; task: Task; value: T }>): Array<[Task, T[]]> {
  const groups = new Map<string, [Task, T[]]>();
  for (const { key, task, value } of entries) groups.set(key, [task, [...(groups.get(key)?.[1] ?? []), value]]);
  return [...groups.values()];
}

/** The year has no published holiday schedule, so weekdays are assumed. */
export function calendarPart(year: number): MessagePart {
  return { title: t('reminder.calendar_title'), lines: [t('reminder.calendar_fallback', { year })], buttons: [] };
}

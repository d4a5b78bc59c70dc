import type { Outgoing } from '../core/message';
import type { Roster } from '../org/roster';
import { t } from '../prompts';
import { shortSectionName } from '../submissions/progress';
import type { MonthKey } from '../tasks/period';
import type { ReminderRule, Task } from '../tasks/schema';
import { formatDayTime, localDateTime } from '../time';
import type { PlannedMessage } from './planner';

/** One (task, month, section, recipient) that a rule says to remind about. */
export interface ReminderItem {
  key: string;
  task: Task;
  month: MonthKey;
  sectionId: string;
  deadline: Date;
  audience: ReminderRule['audience'];
  /** A person id, or `group:<id>`. */
  recipient: string;
}

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

/** `11月26日（周四）18:00` */
export function formatDeadlineWithWeekday(deadline: Date): string {
  const local = localDateTime(deadline);
  return `${local.toFormat('M月d日')}（周${WEEKDAYS[local.weekday - 1]}）${local.toFormat('HH:mm')}`;
}

/**
 * Turns reminder items into messages: one per recipient, whatever the number of tasks, and one
 * group message for everything due in the group, its lines grouped by task.
 */
export function renderReminders(items: ReminderItem[], roster: Roster): PlannedMessage[] {
  const byRecipient = new Map<string, ReminderItem[]>();
  for (const item of items) {
    const key = `${item.audience}|${item.recipient}`;
    byRecipient.set(key, [...(byRecipient.get(key) ?? []), item]);
  }
  return [...byRecipient.values()].map((group) => ({ keys: group.map((i) => i.key), message: render(group, roster) }));
}

function render(items: ReminderItem[], roster: Roster): Outgoing {
  const { audience, recipient } = items[0]!;
  const section = (id: string) => roster.section(id)!;
  switch (audience) {
    case 'reporters': {
      const person = roster.person(recipient)!;
      return {
        to: { kind: 'direct', personId: person.id },
        mentions: [],
        content: {
          card: {
            title: t('reminder.reporters_title'),
            lines: [
              t('reminder.reporters_intro', { name: person.name }),
              ...items.map((i) => t('reminder.item_line', { task: i.task.short, section: section(i.sectionId).name, deadline: formatDeadlineWithWeekday(i.deadline) })),
              t('reminder.reporters_hint'),
            ],
            // The button says `填报 任务 科室 月份`, so it opens exactly that form.
            buttons: items.slice(0, 6).map((i) => ({ label: t('reminder.button', { task: i.task.short }), value: `填报 ${i.task.short} ${shortSectionName(section(i.sectionId))} ${i.month}` })),
          },
        },
      };
    }
    case 'group': {
      const mentions = new Set<string>();
      const lines = byTask(items).map(([task, taskItems]) => {
        const people = taskItems.flatMap((i) =>
          roster.membersWithRole(i.sectionId, 'reporter').map((p) => {
            mentions.add(p.id);
            return t('reminder.group_person', { name: p.name, section: shortSectionName(section(i.sectionId)) });
          }),
        );
        return t('reminder.group_line', { task: task.short, deadline: formatDeadlineWithWeekday(taskItems[0]!.deadline), people: people.join(' ') });
      });
      return {
        to: { kind: 'group', groupId: recipient.slice('group:'.length) },
        mentions: [...mentions],
        content: { text: [`【${t('reminder.group_title')}】${t('reminder.group_intro')}`, ...lines, t('reminder.group_hint', { bot: roster.botName })].join('\n') },
      };
    }
    case 'heads': {
      const person = roster.person(recipient)!;
      const sectionNames = [...new Set(items.map((i) => section(i.sectionId).name))].join('、');
      return {
        to: { kind: 'direct', personId: person.id },
        mentions: [],
        content: {
          card: {
            title: t('reminder.heads_title'),
            lines: [
              t('reminder.heads_intro', { name: person.name, section: sectionNames }),
              ...items.map((i) =>
                t('reminder.heads_item', { task: i.task.short, deadline: formatDayTime(i.deadline), reporters: roster.membersWithRole(i.sectionId, 'reporter').map((p) => p.name).join('、') }),
              ),
              t('reminder.heads_hint'),
            ],
          },
        },
      };
    }
    case 'admins':
      return {
        to: { kind: 'direct', personId: recipient },
        mentions: [],
        content: {
          card: {
            title: t('reminder.admins_title'),
            lines: [
              t('reminder.admins_intro'),
              ...byTask(items).map(([task, taskItems]) =>
                t('reminder.admins_line', { task: task.short, deadline: formatDayTime(taskItems[0]!.deadline), sections: taskItems.map((i) => shortSectionName(section(i.sectionId))).join('、') }),
              ),
              t('reminder.admins_hint'),
            ],
          },
        },
      };
  }
}

function byTask(items: ReminderItem[]): Array<[Task, ReminderItem[]]> {
  const groups = new Map<string, [Task, ReminderItem[]]>();
  for (const item of items) {
    const key = `${item.month}|${item.task.id}`;
    groups.set(key, [item.task, [...(groups.get(key)?.[1] ?? []), item]]);
  }
  return [...groups.values()];
}

export function renderCalendarNotice(year: number): string {
  return t('reminder.calendar_fallback', { year });
}

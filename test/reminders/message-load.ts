import type { SimulatedOutput } from '../../src/channels/simulate-channel';
import { loadRoster } from '../../src/org/roster';
import { loadTaskCatalog } from '../../src/tasks/catalog';
import type { Field, Task } from '../../src/tasks/schema';
import { seededRandom } from './seeded-random';
import { simulate, type ScriptLine } from '../helpers/simulate';

/**
 * How many messages the bot sends each person of the sample department on its own in a month:
 * direct messages it starts (reminders, digests, notices — not replies to the person's own
 * messages) and group messages that @-mention them. Kept as the measurement behind the README's
 * table, run on the code before and after the reminder rework.
 */
export interface PersonLoad {
  id: string;
  name: string;
  roles: string;
  dms: number;
  mentions: number;
}

export interface MonthLoad {
  people: PersonLoad[];
  groupMessages: number;
}

const roster = loadRoster('data/org.yaml');
const catalog = loadTaskCatalog('data/tasks.yaml', roster);

/** The sample November with nobody submitting, or with the realistic mix below. */
export async function novemberLoad(mix: boolean): Promise<MonthLoad> {
  const lines: ScriptLine[] = [{ at: '2026-11-01T08:00:00+08:00' }];
  if (mix) lines.push(...realisticSubmissions());
  lines.push({ at: '2026-11-30T18:00:00+08:00' });
  const out = await simulate(lines);
  return countLoad(out, lines);
}

/** Counts what the bot said unprompted: an output in the sender's own chat at their message's time is a reply. */
export function countLoad(out: SimulatedOutput[], lines: ScriptLine[]): MonthLoad {
  const replies = new Set(lines.filter((l) => l.from).map((l) => `${l.at}|dm:${roster.findPeople(l.from!)[0]?.id}`));
  const unprompted = out.filter((o) => !replies.has(`${o.at}|${o.chat}`));
  const people = roster.people.map((p) => ({
    id: p.id,
    name: p.name,
    roles: p.roles.join('+'),
    dms: unprompted.filter((o) => o.chat === `dm:${p.id}`).length,
    mentions: unprompted.filter((o) => o.chat === 'group' && o.mentions.includes(p.id)).length,
  }));
  return { people, groupMessages: unprompted.filter((o) => o.chat.startsWith('group')).length };
}

/**
 * A plausible month (fixed seed): for each task a section owes, its reporter submits two or three
 * working days early (40%), on the due day (35%), a day late (15%), or not at all (10%), at a
 * time of day that never coincides with a scheduled send.
 */
export function realisticSubmissions(): ScriptLine[] {
  const random = seededRandom(2026_11);
  const submissions: Array<{ at: string; from: string; task: Task; sectionId: string }> = [];
  for (const task of catalog.tasks) {
    for (const sectionId of catalog.sectionsOwing(task)) {
      const r = random();
      if (r >= 0.9) continue;
      const dueDay = task.due_day;
      const day = r < 0.4 ? dueDay - 2 - Math.floor(random() * 2) : r < 0.75 ? dueDay : dueDay + 1;
      const reporter = roster.membersWithRole(sectionId, 'reporter')[0]!;
      const minute = String(7 + Math.floor(random() * 40)).padStart(2, '0');
      submissions.push({ at: `2026-11-${String(adjustToWeekday(day)).padStart(2, '0')}T${14 + Math.floor(random() * 3)}:${minute}:00+08:00`, from: reporter.id, task, sectionId });
    }
  }
  submissions.sort((a, b) => a.at.localeCompare(b.at));
  const lines: ScriptLine[] = [];
  let last = 0;
  for (const s of submissions) {
    // One line per minute, each form after the previous one.
    let time = Math.max(new Date(s.at).getTime(), last + 60_000);
    const say = (text: string) => {
      lines.push({ at: beijing(time), from: s.from, chat: 'dm', text });
      last = time;
      time += 60_000;
    };
    say(`填报 ${s.task.short} ${roster.section(s.sectionId)!.name} 2026-11`);
    for (const answer of answersFor(s.task)) say(answer);
    say('确认');
  }
  return lines;
}

/** November 2026's weekend days move to the Friday before (21/22 → 20, 28/29 → 27). */
function adjustToWeekday(day: number): number {
  const weekday = new Date(Date.UTC(2026, 10, day)).getUTCDay();
  return weekday === 6 ? day - 1 : weekday === 0 ? day - 2 : day;
}

/** The simplest valid answer to each question the form will ask. */
function answersFor(task: Task): string[] {
  const answers = new Map<string, unknown>();
  const out: string[] = [];
  for (const field of task.fields) {
    if (field.when && answers.get(field.when.field) !== field.when.equals) continue;
    const [text, value] = answerFor(field);
    answers.set(field.id, value);
    out.push(...text);
  }
  return out;
}

function answerFor(field: Field): [string[], unknown] {
  switch (field.type) {
    case 'integer':
    case 'number':
      return [[String(field.min)], field.min];
    case 'yesno':
      return [['否'], false];
    case 'choice':
      return [['1'], field.options[0]];
    case 'date':
      return [['11月5日'], '2026-11-05'];
    case 'text':
      return [[field.optional ? '跳过' : '无'], 'x'];
    case 'list':
      return [[...(field.min_items > 0 ? ['诚信宣传进社区 11月5日'] : []), '完成'], []];
  }
}

function beijing(time: number): string {
  return `${new Date(time + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

/** The README's table: per person, DMs and group @-mentions. */
export function loadTable(columns: Array<[string, MonthLoad]>): string {
  const header = `| person | roles | ${columns.map(([title]) => `${title}: DMs / group @`).join(' | ')} |`;
  const rule = `|---|---|${columns.map(() => '---|').join('')}`;
  const rows = roster.people.map((p, i) => `| ${p.name} | ${p.roles.join('+')} | ${columns.map(([, load]) => `${load.people[i]!.dms} / ${load.people[i]!.mentions}`).join(' | ')} |`);
  const group = `| group messages | | ${columns.map(([, load]) => String(load.groupMessages)).join(' | ')} |`;
  return [header, rule, ...rows, group].join('\n');
}

import { createHash } from 'node:crypto';
import type { Roster } from '../org/roster';
import { StartupError } from '../startup-error';
import { loadYamlFile } from '../yaml-file';
import { tasksFileSchema, type PointsConfig, type RankingRules, type Task, type TasksFile } from './schema';

/** The month's tasks from data/tasks.yaml, checked against the roster. */
export class TaskCatalog {
  readonly tasks: readonly Task[];
  readonly defaults: TasksFile['defaults'];
  readonly points: PointsConfig;
  readonly ranking: RankingRules;
  readonly #owners: Map<string, Set<string>>;

  constructor(file: TasksFile, roster: Roster, fileName = 'tasks.yaml') {
    this.tasks = file.tasks;
    this.defaults = file.defaults;
    this.points = file.points;
    this.ranking = file.ranking;
    this.#owners = new Map();
    file.tasks.forEach((task, i) => {
      const ids = task.sections === 'all' ? roster.sections.map((s) => s.id) : task.sections;
      ids.forEach((id, j) => {
        if (!roster.section(id)) {
          throw new StartupError(`${fileName} 字段 tasks[${i}].sections[${j}]：任务 ${task.id} 的科室 ${id} 不在名册（org.yaml）中`);
        }
      });
      // Kept in the roster's order, whatever order tasks.yaml lists them in: every table and
      // message that lists sections shows them in the order the department knows.
      this.#owners.set(task.id, new Set(roster.sections.map((s) => s.id).filter((id) => ids.includes(id))));
    });
    if (!roster.section(file.points.compiler_section)) {
      throw new StartupError(`${fileName} 字段 points.compiler_section：科室 ${file.points.compiler_section} 不在名册（org.yaml）中`);
    }
  }

  task(id: string): Task | undefined {
    return this.tasks.find((t) => t.id === id);
  }

  /** A task by id, short name or full name, or the only one whose name contains the words. */
  findTask(key: string): Task | undefined {
    const k = key.trim();
    const exact = this.tasks.find((t) => t.id === k || t.short === k || t.name === k);
    if (exact) return exact;
    const partial = this.tasks.filter((t) => t.name.includes(k) || k.includes(t.short));
    return partial.length === 1 ? partial[0] : undefined;
  }

  owes(task: Task, sectionId: string): boolean {
    return this.#owners.get(task.id)?.has(sectionId) ?? false;
  }

  tasksOwedBy(sectionId: string): Task[] {
    return this.tasks.filter((t) => this.owes(t, sectionId));
  }

  /** The sections that owe the task, in the roster's order. */
  sectionsOwing(task: Task): string[] {
    return [...(this.#owners.get(task.id) ?? [])];
  }

  /**
   * A fingerprint of the task's questions: a half-filled form saved under another fingerprint
   * was for different questions and is discarded rather than misread.
   */
  formVersion(task: Task): string {
    return createHash('sha256').update(JSON.stringify(task.fields)).digest('hex').slice(0, 12);
  }
}

export function loadTaskCatalog(file: string, roster: Roster): TaskCatalog {
  return new TaskCatalog(loadYamlFile(file, tasksFileSchema), roster, file);
}

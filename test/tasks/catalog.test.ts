import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRoster } from '../../src/org/roster';
import { loadTaskCatalog } from '../../src/tasks/catalog';
import { tempDir } from '../helpers/temp-dir';

const roster = loadRoster('data/org.yaml');
const sample = readFileSync('data/tasks.yaml', 'utf8');

function loadError(content: string): string {
  const file = path.join(tempDir(), 'tasks.yaml');
  writeFileSync(file, content);
  try {
    loadTaskCatalog(file, roster);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the file to be refused');
}

describe('the sample tasks (data/tasks.yaml)', () => {
  const catalog = loadTaskCatalog('data/tasks.yaml', roster);

  it('covers the ten second-level indicators of the 历城 plan, the 25th report and the 20th report', () => {
    const clauses = ['（一）1', '（一）2', '（一）3', '（一）4', '（一）5', '（二）6', '（二）7', '（三）8', '（三）9', '（四）10'];
    for (const clause of clauses) expect(catalog.tasks.some((t) => t.basis.includes(`历城方案 三、${clause}`)), clause).toBe(true);
    expect(catalog.tasks.find((t) => t.due_day === 25)?.short).toBe('平台月报');
    expect(catalog.tasks.find((t) => t.due_day === 20)?.short).toBe('红黑名单');
  });

  it('gives each task the plan\'s owners, in the roster\'s order whatever order tasks.yaml lists them in', () => {
    // tasks.yaml: [window, commerce, social, construction, system]
    expect(catalog.sectionsOwing(catalog.task('credit_checks')!)).toEqual(['commerce', 'social', 'construction', 'system', 'window']);
    expect(catalog.sectionsOwing(catalog.task('credit_news')!)).toHaveLength(roster.sections.length);
    expect(catalog.tasksOwedBy('office').map((t) => t.short)).toEqual(['制度学习', '信用动态', '诚信宣传', '失信事件']);
  });

  it('carries both plans\' targets for 双公示 合规率 and the 槐荫 迟报率', () => {
    const metrics = catalog.task('double_publicity')!.metrics;
    expect(metrics.find((m) => m.id === 'compliance_rate')!.targets).toEqual([{ min: 1, source: '历城方案' }, { min: 0.98, source: '槐荫方案' }]);
    expect(metrics.find((m) => m.id === 'late_rate')!.targets).toEqual([{ max: 0.05, source: '槐荫方案' }]);
  });

  it('finds tasks by id, short name, full name or a unique part', () => {
    expect(catalog.findTask('双公示')?.id).toBe('double_publicity');
    expect(catalog.findTask('credit_news')?.id).toBe('credit_news');
    expect(catalog.findTask('红黑名单月报')?.id).toBe('red_black_list');
    expect(catalog.findTask('信用')).toBeUndefined();
  });

  it('fingerprints a task by its questions only', () => {
    const task = catalog.task('double_publicity')!;
    expect(catalog.formVersion({ ...task, due_day: 20 })).toBe(catalog.formVersion(task));
    expect(catalog.formVersion({ ...task, fields: task.fields.slice(1) })).not.toBe(catalog.formVersion(task));
  });
});

describe('a malformed tasks file is refused naming the task and field', () => {
  it('a reference to a field that does not exist', () => {
    expect(loadError(sample.replace('at_most: decisions', 'at_most: decision'))).toMatch(
      /tasks\.yaml 第 \d+ 行，字段 tasks\[1\]\.fields\[1\]\.at_most：任务 double_publicity 的字段 uploaded：at_most 应引用它之前的数字字段，decision 不是/,
    );
  });

  it('a formula over an unknown field or with a syntax error', () => {
    expect(loadError(sample.replace('formula: uploaded / decisions', 'formula: uploaded / permits'))).toMatch(/任务 double_publicity 的指标 report_rate：公式中的 permits 不是本任务的数字字段/);
    expect(loadError(sample.replace('formula: uploaded / decisions', 'formula: uploaded /'))).toMatch(/任务 double_publicity 的指标 report_rate：公式“uploaded \/”无效（公式不完整）/);
  });

  it('an unknown field type, a bad due day, an unknown section', () => {
    expect(loadError(sample.replace('type: integer', 'type: int'))).toMatch(/字段 tasks\[0\]\.fields\[0\]\.type：/);
    expect(loadError(sample.replace('due_day: 20', 'due_day: 32'))).toMatch(/字段 tasks\[11\]\.due_day：/);
    expect(loadError(sample.replace('sections: [personnel, office, system]', 'sections: [personnel, office, hr]'))).toMatch(
      /字段 tasks\[0\]\.sections\[2\]：任务 credit_rules 的科室 hr 不在名册（org\.yaml）中/,
    );
  });

  it('a reminder outside working hours, or a repeated rule id', () => {
    expect(loadError(sample.replace('group_at: "10:00"', 'group_at: "20:00"'))).toMatch(/字段 defaults\.reminders\.group_at：提醒时间 20:00 不在工作时间 09:00–17:30 内/);
    expect(loadError(sample.replace('{ id: heads_due,', '{ id: group_1d,'))).toMatch(/字段 defaults\.reminders\.rules\[3\]\.id：提醒规则标识 group_1d 重复/);
  });

  it('duplicate short names and a target with neither bound', () => {
    expect(loadError(sample.replace('short: 重错码', 'short: 双公示'))).toMatch(/字段 tasks\[4\]\.short：任务简称“双公示”重复/);
    expect(loadError(sample.replace('targets: [{ max: 0.05, source: 槐荫方案 }]', 'targets: [{ source: 槐荫方案 }]'))).toMatch(/目标应写 min 或 max 之一/);
  });

  it('the retired idle_minutes, saying what replaces it; a form reminder that cannot fit in working hours', () => {
    const old = sample.replace('form_lapse_workdays: 1', 'idle_minutes: 240');
    expect(loadError(old)).toMatch(/字段 defaults\.idle_minutes：idle_minutes 已停用：未填完的表单现在保留到下一个工作日下班（form_lapse_workdays: 1）/);
    const shortDay = sample.replace('form_reminder_minutes: 120', 'form_reminder_minutes: 480').replace('end: "17:30"', 'end: "16:00"');
    expect(loadError(shortDay)).toMatch(/字段 defaults\.form_reminder_minutes：表单过期提醒（提前 480 分钟）应落在工作时间 09:00–16:00 内/);
  });
});

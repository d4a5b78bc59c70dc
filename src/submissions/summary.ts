import type { Field, Task } from '../tasks/schema';
import type { ListItem } from './parse-answer';
import { computeMetrics, describeMetric } from './metrics';

/** Whether a field applies, given the answers so far (`when` conditions). */
export function isVisible(field: Field, answers: Record<string, unknown>): boolean {
  return !field.when || answers[field.when.field] === field.when.equals;
}

/** An answer as the summary, the ledger and the reviewer see it; an estimate is marked 约. */
export function formatAnswer(field: Field, value: unknown, approximate = false): string {
  if (value === undefined || value === null || value === '') return '（未填）';
  switch (field.type) {
    case 'integer':
    case 'number':
      return `${approximate ? '约' : ''}${value}${field.unit}`;
    case 'yesno':
      return value ? '是' : '否';
    case 'list': {
      const items = value as ListItem[];
      if (!items.length) return '无';
      return items.map((item, i) => `${i + 1}) ${field.item.map((f) => item[f.id]).filter(Boolean).join('｜')}`).join('；');
    }
    default:
      return String(value);
  }
}

/**
 * Every applicable question with its answer, numbered as in the form, then the computed rates.
 * `approximate` lists the fields answered as an estimate.
 */
export function summaryLines(task: Task, answers: Record<string, unknown>, approximate: readonly string[] = []): string[] {
  const lines = task.fields.flatMap((f, i) => (isVisible(f, answers) ? [`${i + 1}. ${f.label}：${formatAnswer(f, answers[f.id], approximate.includes(f.id))}`] : []));
  const metrics = computeMetrics(task, answers).map(describeMetric);
  return metrics.length ? [...lines, '— 计算结果 —', ...metrics] : lines;
}

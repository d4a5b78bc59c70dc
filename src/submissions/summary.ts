import type { Field, Task } from '../tasks/schema';
import { fieldType } from './field-types';
import { computeMetrics, describeMetric } from './metrics';
import { t } from '../prompts';

/** Whether a field applies, given the answers so far (`when` conditions). */
export function isVisible(field: Field, answers: Record<string, unknown>): boolean {
  return !field.when || answers[field.when.field] === field.when.equals;
}

/** An answer as the summary, the ledger and the reviewer see it; an estimate is marked 约. */
export function formatAnswer(field: Field, value: unknown, approximate = false): string {
  if (value === undefined || value === null || value === '') return t('answer.blank');
  return fieldType(field).format(value, field, approximate);
}

/**
 * Every applicable question with its answer, numbered as in the form, then the computed rates.
 * `approximate` lists the fields answered as an estimate.
 */
export function summaryLines(task: Task, answers: Record<string, unknown>, approximate: readonly string[] = []): string[] {
  const lines = task.fields.flatMap((f, i) => (isVisible(f, answers) ? [`${i + 1}. ${f.label}：${formatAnswer(f, answers[f.id], approximate.includes(f.id))}`] : []));
  const metrics = computeMetrics(task, answers).map(describeMetric);
  return metrics.length ? [...lines, t('answer.metrics_heading'), ...metrics] : lines;
}

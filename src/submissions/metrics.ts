import { evaluate, parseFormula } from '../tasks/formula';
import type { Metric, Target, Task } from '../tasks/schema';
import { t } from '../prompts';

export interface MetricResult {
  metric: Metric;
  /** null: not applicable (nothing to divide by, or an answer skipped). */
  value: number | null;
  /** The plans' targets this value misses. */
  missed: Target[];
}

export function computeMetrics(task: Task, answers: Record<string, unknown>): MetricResult[] {
  return task.metrics.map((metric) => {
    const value = evaluate(parseFormula(metric.formula), answers);
    const missed = value === null ? [] : metric.targets.filter((t) => (t.min !== undefined && value < t.min - 1e-9) || (t.max !== undefined && value > t.max + 1e-9));
    return { metric, value, missed };
  });
}

/** 98.5% or 3 (篇) */
export function formatMetricValue(metric: Metric, value: number | null): string {
  if (value === null) return t('metric.not_applicable');
  if (metric.format === 'count') return String(value);
  return `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
}

export function formatTarget(metric: Metric, target: Target): string {
  const bound = target.min !== undefined ? `≥${formatMetricValue(metric, target.min)}` : `≤${formatMetricValue(metric, target.max!)}`;
  return `${target.source}${bound}`;
}

/** "合规率：97.5% ⚠️ 未达目标：历城方案≥100.0%" */
export function describeMetric(result: MetricResult): string {
  const { metric, value, missed } = result;
  const shown = formatMetricValue(metric, value);
  if (value === null) return `${metric.label}：${shown}`;
  if (missed.length) return t('metric.missed', { label: metric.label, value: shown, targets: missed.map((target) => formatTarget(metric, target)).join('；') });
  return `${metric.label}：${shown}${metric.targets.length ? ' ✅' : ''}`;
}

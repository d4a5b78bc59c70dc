import type { Roster } from '../org/roster';
import { t } from '../prompts';
import type { RankingRow } from '../store/schema';
import { computeMetrics, formatMetricValue } from '../submissions/metrics';
import type { SubmissionsView } from '../submissions/records';
import type { TaskCatalog } from '../tasks/catalog';
import type { MonthKey } from '../tasks/period';

/**
 * Scores and ranks the sections for a month — a pure function of the submissions.
 *
 * Each task a section owes (exempt ones left out) earns its weight when submitted on time, the
 * late fraction of it when late, nothing when missing or returned; each rate that misses a plan
 * target takes the deduction fraction of the weight off (not below zero). The score is what was
 * earned as a percentage of the weights owed, so sections owing different tasks compare fairly.
 * Equal scores share a rank (并列: 1, 1, 3) and keep the roster's order.
 */
export function scoreMonth(submissions: SubmissionsView, roster: Roster, catalog: TaskCatalog, month: MonthKey): RankingRow[] {
  const { late_fraction, target_deduction } = catalog.ranking;
  const rows = roster.sections.flatMap((section, order) => {
    let earned = 0;
    let owed = 0;
    const counts = { onTime: 0, late: 0, missing: 0, exempt: 0 };
    const missing: string[] = [];
    const returned: string[] = [];
    const late: string[] = [];
    const targets: string[] = [];
    for (const task of catalog.tasksOwedBy(section.id)) {
      const status = submissions.status(month, task.id, section.id);
      if (status === 'exempt') {
        counts.exempt++;
        continue;
      }
      owed += task.weight;
      if (status === 'missing' || status === 'returned') {
        counts.missing++;
        (status === 'returned' ? returned : missing).push(task.short);
        continue;
      }
      let score = status === 'on_time' ? task.weight : task.weight * late_fraction;
      if (status === 'on_time') counts.onTime++;
      else {
        counts.late++;
        late.push(task.short);
      }
      const missed = computeMetrics(task, submissions.current(month, task.id, section.id)!.answers).filter((m) => m.missed.length);
      for (const m of missed) targets.push(t('ranking.missed_target', { task: task.short, metric: m.metric.label, value: formatMetricValue(m.metric, m.value) }));
      score = Math.max(0, score - missed.length * task.weight * target_deduction);
      earned += score;
    }
    if (!owed) return [];
    const shortfalls = [
      ...(missing.length ? [t('ranking.missing', { tasks: missing.join('、') })] : []),
      ...(returned.length ? [t('ranking.returned', { tasks: returned.join('、') })] : []),
      ...(late.length ? [t('ranking.late', { tasks: late.join('、') })] : []),
      ...targets,
    ];
    return [{ order, row: { sectionId: section.id, score: Math.round((earned / owed) * 1000) / 10, ...counts, shortfalls } }];
  });
  rows.sort((a, b) => b.row.score - a.row.score || a.order - b.order);
  return rows.map(({ row }) => {
    const first = rows.findIndex((r) => r.row.score === row.score);
    const tied = rows.filter((r) => r.row.score === row.score).length > 1;
    return { ...row, rank: first + 1, tied };
  });
}

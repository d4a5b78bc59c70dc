import { t } from '../prompts';
import type { RankingRow } from '../store/schema';

/**
 * What a correction changes against the published ranking, one line per section that changed, in
 * the new ranking's order: score and rank before → after, and the counts behind them. Empty when
 * nothing a reader could see has changed.
 */
export function describeChanges(before: readonly RankingRow[], after: readonly RankingRow[], sectionName: (id: string) => string): string[] {
  const lines = after.flatMap((row) => {
    const old = before.find((b) => b.sectionId === row.sectionId);
    if (!old) return [t('ranking.change_added', { section: sectionName(row.sectionId), rank: rankLabel(row), score: row.score.toFixed(1) })];
    const parts = rowChanges(old, row);
    return parts.length ? [t('ranking.change_line', { section: sectionName(row.sectionId), changes: parts.join('，') })] : [];
  });
  const removed = before.filter((b) => !after.some((a) => a.sectionId === b.sectionId));
  return [...lines, ...removed.map((row) => t('ranking.change_removed', { section: sectionName(row.sectionId) }))];
}

function rowChanges(old: RankingRow, row: RankingRow): string[] {
  const parts: string[] = [];
  if (old.score !== row.score) parts.push(t('ranking.change_score', { before: old.score.toFixed(1), after: row.score.toFixed(1) }));
  if (rankLabel(old) !== rankLabel(row)) parts.push(t('ranking.change_rank', { before: rankLabel(old), after: rankLabel(row) }));
  const counts = (r: RankingRow) => `${r.onTime}/${r.late}/${r.missing}`;
  if (counts(old) !== counts(row)) parts.push(t('ranking.change_counts', { before: counts(old), after: counts(row) }));
  if (old.exempt !== row.exempt) parts.push(t('ranking.change_exempt', { before: old.exempt, after: row.exempt }));
  const shortfalls = (r: RankingRow) => r.shortfalls.join('；') || t('ranking.change_none');
  // Only worth its own mention when nothing above explains it (e.g. a rate corrected but still short).
  if (!parts.length && shortfalls(old) !== shortfalls(row)) parts.push(t('ranking.change_shortfalls', { before: shortfalls(old), after: shortfalls(row) }));
  return parts;
}

/** 第4名（并列） */
export function rankLabel(row: RankingRow): string {
  return t('ranking.rank_label', { rank: row.rank, tie: row.tied ? t('ranking.tie') : '' });
}

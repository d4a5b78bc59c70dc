import type { Card } from '../core/message';
import type { Roster } from '../org/roster';
import { t } from '../prompts';
import type { Db, RankingRow } from '../store/schema';
import { shortSectionName } from '../submissions/progress';
import type { TaskCatalog } from '../tasks/catalog';
import { previousMonth, type MonthKey } from '../tasks/period';
import { localDateTime } from '../time';
import { publishedRanking } from './records';
import { scoreMonth } from './scoring';

export interface NoticeOptions {
  month: MonthKey;
  rows: RankingRow[];
  /** Last month's ranks, for the ↑/↓ column; empty when there was none. */
  previous: RankingRow[];
  now: Date;
  kind: 'draft' | 'first' | 'correction';
}

/**
 * The monthly notice (通报) in the style of an official one: title, opening, summary, the ranking
 * table (排名, 科室, 得分, 按时/逾期/未报, 较上月), sections commended and sections to improve with
 * what they missed, then the coordinator's signature. A card on channels that show tables;
 * text-only channels render the same card as lines.
 */
export function buildNotice(options: NoticeOptions, roster: Roster, catalog: TaskCatalog): Card {
  const { month, rows, previous, now, kind } = options;
  const [year, monthNo] = [month.slice(0, 4), String(Number(month.slice(5)))];
  const total = (key: 'onTime' | 'late' | 'missing' | 'exempt') => rows.reduce((n, r) => n + r[key], 0);
  const average = rows.length ? Math.round((rows.reduce((n, r) => n + r.score, 0) / rows.length) * 10) / 10 : 0;
  const name = (id: string) => shortSectionName(roster.section(id)!);
  const commended = rows.filter((r) => r.late === 0 && r.missing === 0 && r.shortfalls.length === 0);
  const improve = rows.filter((r) => r.shortfalls.length > 0);
  const percent = (x: number) => `${Math.round(x * 100)}%`;
  const prefix = kind === 'draft' ? t('ranking.draft') : '';
  const suffix = kind === 'correction' ? t('ranking.correction') : '';
  return {
    title: `${prefix}${t('ranking.title', { year, month: monthNo })}${suffix}`,
    lines: [
      t('ranking.opening', { year, month: monthNo }),
      t('ranking.summary', { owed: total('onTime') + total('late') + total('missing'), onTime: total('onTime'), late: total('late'), missing: total('missing'), exempt: total('exempt'), average }),
    ],
    table: {
      header: ['排名', '科室', '得分', '按时/逾期/未报', '较上月'],
      rows: rows.map((r) => [
        `${r.rank}${r.tied ? t('ranking.tie') : ''}`,
        name(r.sectionId),
        r.score.toFixed(1),
        `${r.onTime}/${r.late}/${r.missing}`,
        change(r, previous),
      ]),
    },
    footer: [
      commended.length ? t('ranking.commended', { sections: commended.map((r) => name(r.sectionId)).join('、') }) : t('ranking.commended_none'),
      ...(improve.length ? [t('ranking.improve_title'), ...improve.map((r) => t('ranking.improve_line', { section: name(r.sectionId), shortfalls: r.shortfalls.join('；') }))] : []),
      t('ranking.scoring', { late: percent(catalog.ranking.late_fraction), deduction: percent(catalog.ranking.target_deduction) }),
      t('ranking.closing'),
      t('ranking.signature', { coordinator: roster.coordinator.name, date: localDateTime(now).toFormat('yyyy年M月d日') }),
    ],
  };
}

function change(row: RankingRow, previous: RankingRow[]): string {
  const before = previous.find((p) => p.sectionId === row.sectionId);
  if (!before) return t('ranking.new');
  if (before.rank === row.rank) return t('ranking.same');
  return before.rank > row.rank ? t('ranking.up', { n: before.rank - row.rank }) : t('ranking.down', { n: row.rank - before.rank });
}

/** The notice for a month from the current submissions, with last month's published ranks to compare. */
export function noticeFor(db: Readonly<Db>, roster: Roster, catalog: TaskCatalog, month: MonthKey, now: Date, kind: NoticeOptions['kind']): { rows: RankingRow[]; card: Card } {
  const rows = scoreMonth(db, roster, catalog, month);
  const previous = publishedRanking(db, previousMonth(month))?.rows ?? [];
  return { rows, card: buildNotice({ month, rows, previous, now, kind }, roster, catalog) };
}

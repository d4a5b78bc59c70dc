import type { Card } from '../model/message';
import type { Roster } from '../org/roster';
import { t } from '../prompts';
import type { PublishedRanking, RankingRow } from '../store/schema';
import type { TaskCatalog } from '../tasks/catalog';
import { previousMonth, type MonthKey } from '../tasks/period';
import { formatDayTime, localDateTime } from '../time';
import { describeChanges } from './changes';
import { scoreMonth } from './scoring';
import type { StateView } from '../store/state-view';

export interface NoticeOptions {
  month: MonthKey;
  rows: RankingRow[];
  /** Last month's published ranking, for the 较上月 column; without one the column is left out. */
  previous?: RankingRow[];
  /** The version in force when this one corrects it, with what changed. */
  corrects?: { earlier: PublishedRanking; changes: string[] };
  now: Date;
  /** A draft is marked so; one whose month is still open (`openUntil`) also says it is provisional. */
  draft?: { openUntil?: Date };
}

/**
 * The monthly notice (通报) in the form of an official one: title, addressee and opening, what a
 * correction changes, the summary, the ranking table (排名, 科室, 得分, 按时/逾期/未报, and 较上月
 * when there is a last month to compare with), the sections commended and those to improve, how
 * scores are computed, 「特此通报。」, and the issuing body and date. Sections go by their full
 * names and scores carry one decimal. A card on channels that show tables; text-only channels
 * render the same card as lines.
 */
export function buildNotice(options: NoticeOptions, roster: Roster, catalog: TaskCatalog): Card {
  const { month, rows, previous, corrects, now, draft } = options;
  const [year, monthNo] = [month.slice(0, 4), String(Number(month.slice(5)))];
  const total = (key: 'onTime' | 'late' | 'missing' | 'exempt') => rows.reduce((n, r) => n + r[key], 0);
  const average = rows.length ? rows.reduce((n, r) => n + r.score, 0) / rows.length : 0;
  const name = (id: string) => roster.section(id)!.name;
  const commended = rows.filter((r) => r.late === 0 && r.missing === 0 && r.shortfalls.length === 0);
  const improve = rows.filter((r) => r.shortfalls.length > 0);
  const percent = (x: number) => `${Math.round(x * 100)}%`;
  const prefix = !draft ? '' : draft.openUntil ? t('ranking.provisional') : t('ranking.draft');
  return {
    title: `${prefix}${t('ranking.title', { year, month: monthNo })}${corrects ? t('ranking.correction') : ''}`,
    lines: [
      ...(draft?.openUntil ? [t('ranking.provisional_note', { deadline: formatDayTime(draft.openUntil) })] : []),
      t('ranking.addressee'),
      ...(corrects
        ? [t('ranking.correction_intro', { date: localDateTime(new Date(corrects.earlier.publishedAt)).toFormat(t('format.date')) }), ...corrects.changes]
        : []),
      t('ranking.opening', { year, month: monthNo }),
      t('ranking.summary', { owed: total('onTime') + total('late') + total('missing'), onTime: total('onTime'), late: total('late'), missing: total('missing'), exempt: total('exempt'), average: average.toFixed(1) }),
    ],
    table: {
      header: [t('column.rank'), t('column.section'), t('column.score'), t('column.on_time_late_missing'), ...(previous ? [t('column.change')] : [])],
      rows: rows.map((r) => [
        `${r.rank}${r.tied ? t('ranking.tie') : ''}`,
        name(r.sectionId),
        r.score.toFixed(1),
        `${r.onTime}/${r.late}/${r.missing}`,
        ...(previous ? [change(r, previous)] : []),
      ]),
    },
    footer: [
      commended.length ? t('ranking.commended', { sections: commended.map((r) => name(r.sectionId)).join('、') }) : t('ranking.commended_none'),
      ...(improve.length ? [t('ranking.improve_title'), ...improve.map((r) => t('ranking.improve_line', { section: name(r.sectionId), shortfalls: r.shortfalls.join('；') }))] : []),
      t('ranking.scoring', { late: percent(catalog.ranking.late_fraction), deduction: percent(catalog.ranking.target_deduction) }),
      t('ranking.closing'),
      t('ranking.so_notified'),
      roster.department.notice_issuer ?? roster.department.name,
      localDateTime(now).toFormat(t('format.date')),
    ],
  };
}

function change(row: RankingRow, previous: RankingRow[]): string {
  const before = previous.find((p) => p.sectionId === row.sectionId);
  if (!before) return t('ranking.new');
  if (before.rank === row.rank) return t('ranking.same');
  return before.rank > row.rank ? t('ranking.up', { n: before.rank - row.rank }) : t('ranking.down', { n: row.rank - before.rank });
}

export interface Notice {
  month: MonthKey;
  rows: RankingRow[];
  card: Card;
  /** The version published before, if any: publishing this one corrects it. */
  earlier?: PublishedRanking;
  /** True when a published version exists and nothing in the ranking has changed since. */
  unchanged: boolean;
}

/**
 * The notice for a month from the current submissions: compared with last month's published
 * ranks, and — when the month was published already — stating what it corrects.
 */
export function noticeFor(view: Pick<StateView, 'submissions' | 'rankings'>, roster: Roster, catalog: TaskCatalog, month: MonthKey, now: Date, draft?: NoticeOptions['draft']): Notice {
  const rows = scoreMonth(view.submissions, roster, catalog, month);
  const previous = view.rankings.published(previousMonth(month))?.rows;
  const earlier = view.rankings.published(month);
  const changes = earlier ? describeChanges(earlier.rows, rows, (id) => roster.section(id)?.name ?? id) : [];
  const unchanged = Boolean(earlier) && changes.length === 0;
  const corrects = earlier && !unchanged ? { earlier, changes } : undefined;
  return { month, rows, card: buildNotice({ month, rows, previous, corrects, now, draft }, roster, catalog), earlier, unchanged };
}

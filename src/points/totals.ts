import type { Roster } from '../org/roster';
import type { MonthKey } from '../tasks/period';
import { signedPoints, type PointsView } from './records';

export interface PersonTotal {
  personId: string;
  sectionId: string;
  add: number;
  deduct: number;
  total: number;
  pending: number;
}

/** Each person's verified points for a month, as the office compiles them (pending counted apart). */
export function pointsTotals(points: PointsView, roster: Roster, month: MonthKey): PersonTotal[] {
  const rows = new Map<string, PersonTotal>();
  for (const item of points.ofMonth(month)) {
    const row = rows.get(item.personId) ?? { personId: item.personId, sectionId: item.sectionId, add: 0, deduct: 0, total: 0, pending: 0 };
    if (item.status === 'pending') row.pending++;
    if (item.status === 'approved') {
      if (item.kind === 'add') row.add += item.points;
      else row.deduct += item.points;
      row.total += signedPoints(item);
    }
    rows.set(item.personId, row);
  }
  const order = new Map(roster.people.map((p, i) => [p.id, i]));
  return [...rows.values()].sort((a, b) => (order.get(a.personId) ?? 1e9) - (order.get(b.personId) ?? 1e9));
}

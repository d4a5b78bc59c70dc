import type { Roster } from '../org/roster';
import type { Person } from '../org/schema';
import type { Db, PointsItem } from '../store/schema';
import { eachUnchanged, findRecord } from '../store/draft-search';
import type { MonthKey } from '../tasks/period';

export type NewPointsItem = Omit<PointsItem, 'no' | 'status' | 'review'>;

type PointsState = Pick<Db, 'pointsItems'>;

/** The 机关信用积分 items reported. */
export class PointsView {
  constructor(protected readonly state: Readonly<PointsState>) {}

  /** The item numbered `no` (同意 N / 退回 N). */
  numbered(no: number): PointsItem | undefined {
    return this.state.pointsItems.find((i) => i.no === no);
  }

  ofMonth(month: MonthKey): PointsItem[] {
    return this.state.pointsItems.filter((i) => i.month === month);
  }

  /** Items still awaiting their verification. */
  pending(): PointsItem[] {
    return this.state.pointsItems.filter((i) => i.status === 'pending');
  }

  protected nextNumber(): number {
    let max = 0;
    eachUnchanged(this.state.pointsItems, (i) => void (max = Math.max(max, i.no)));
    return max + 1;
  }
}

export class PointsChanges extends PointsView {
  declare protected readonly state: PointsState;

  /** Records a reported item, numbered for 同意 N / 退回 N. */
  add(input: NewPointsItem): PointsItem {
    const item: PointsItem = { ...input, no: this.nextNumber(), status: 'pending' };
    this.state.pointsItems.push(item);
    return item;
  }

  review(no: number, decision: 'approved' | 'returned', by: string, at: Date, note: string): PointsItem {
    const item = findRecord(this.state.pointsItems, (i) => i.no === no);
    if (!item) throw new Error(`no points item ${no}`);
    item.status = decision;
    item.review = { by, at: at.toISOString(), note };
    return item;
  }
}

/**
 * Who verifies a person's item: their section's head (济阳 plan: 科室负责人核实). A head's own
 * items, or those of a section without another head, go to the admins.
 */
export function verifiersOf(roster: Roster, personId: string, sectionId: string): Person[] {
  const heads = roster.membersWithRole(sectionId, 'head').filter((p) => p.id !== personId);
  return heads.length ? heads : roster.admins().filter((p) => p.id !== personId);
}

export function canVerify(roster: Roster, person: Person, item: PointsItem): boolean {
  return verifiersOf(roster, item.personId, item.sectionId).some((v) => v.id === person.id);
}

/** Signed points: deductions count negative. */
export function signedPoints(item: PointsItem): number {
  return item.kind === 'add' ? item.points : -item.points;
}

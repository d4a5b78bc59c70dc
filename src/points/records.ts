import type { Roster } from '../org/roster';
import type { Person } from '../org/schema';
import type { Db, PointsItem } from '../store/schema';
import type { Store } from '../store/store';

export type NewPointsItem = Omit<PointsItem, 'no' | 'status' | 'review'>;

/** Records a reported item inside a store update, numbered for 同意 N / 退回 N. */
export function addPointsItem(db: Db, input: NewPointsItem): PointsItem {
  const item: PointsItem = { ...input, no: Math.max(0, ...db.pointsItems.map((i) => i.no)) + 1, status: 'pending' };
  db.pointsItems.push(item);
  return structuredClone(item);
}

export function findPointsItem(db: Readonly<Db>, no: number): PointsItem | undefined {
  return db.pointsItems.find((i) => i.no === no);
}

export function reviewPoints(store: Store, no: number, decision: 'approved' | 'returned', by: string, at: Date, note: string): Promise<PointsItem> {
  return store.update((db) => {
    const item = db.pointsItems.find((i) => i.no === no);
    if (!item) throw new Error(`no points item ${no}`);
    item.status = decision;
    item.review = { by, at: at.toISOString(), note };
    return item;
  });
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

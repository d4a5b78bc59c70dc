import type { Exemption } from '../store/schema';
import type { Store } from '../store/store';

/** Records that a section owes nothing for a task this month (免报). */
export function addExemption(store: Store, exemption: Exemption): Promise<void> {
  return store.update((db) => {
    db.exemptions.push(exemption);
  });
}

/** Undoes an exemption; the section owes the task again. Returns whether there was one. */
export function removeExemption(store: Store, month: string, taskId: string, sectionId: string): Promise<boolean> {
  return store.update((db) => {
    const before = db.exemptions.length;
    db.exemptions = db.exemptions.filter((e) => !(e.month === month && e.taskId === taskId && e.sectionId === sectionId));
    return db.exemptions.length < before;
  });
}

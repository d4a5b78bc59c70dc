import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDepartment } from '../../src/bench/generate-department';
import { loadRoster } from '../../src/org/roster';
import { loadTaskCatalog } from '../../src/tasks/catalog';
import { tempDir } from '../helpers/temp-dir';

function load(sections: number) {
  const dir = tempDir();
  const files = generateDepartment(sections);
  writeFileSync(path.join(dir, 'org.yaml'), files.org);
  writeFileSync(path.join(dir, 'tasks.yaml'), files.tasks);
  const roster = loadRoster(path.join(dir, 'org.yaml'));
  return { roster, catalog: loadTaskCatalog(path.join(dir, 'tasks.yaml'), roster) };
}

describe('a generated department', () => {
  it('is the sample department’s sections, then copies of them, each with a head and a reporter', () => {
    const { roster } = load(30);
    expect(roster.sections).toHaveLength(30);
    expect(roster.sections.slice(0, 8).map((s) => s.id)).toEqual(['office', 'personnel', 'commerce', 'social', 'construction', 'system', 'supervision', 'window']);
    expect(roster.sections[8]).toMatchObject({ id: 'office-9', name: '办公室9' });
    for (const section of roster.sections) {
      expect(roster.membersWithRole(section.id, 'head'), section.id).toHaveLength(1);
      expect(roster.membersWithRole(section.id, 'reporter'), section.id).toHaveLength(1);
    }
    expect(roster.admins().map((a) => a.sections)).toEqual([['system'], ['system'], ['system']]);
    expect(new Set(roster.people.map((p) => p.name)).size).toBe(roster.people.length);
  });

  it('has each copy owe what the sample section it copies owes', () => {
    const { catalog } = load(30);
    const owed = (sectionId: string) => catalog.tasksOwedBy(sectionId).map((t) => t.id);
    expect(owed('commerce-11')).toEqual(owed('commerce'));
    expect(owed('window-15')).toEqual(owed('window'));
    expect(owed('office-9')).toEqual(owed('office'));
  });

  it('is the sample’s own sections and tasks at 8 sections', () => {
    const sample = loadRoster('data/org.yaml');
    const { roster, catalog } = load(8);
    const sampleCatalog = loadTaskCatalog('data/tasks.yaml', sample);
    expect(roster.sections).toEqual(sample.sections);
    for (const task of catalog.tasks) expect(catalog.sectionsOwing(task), task.id).toEqual(sampleCatalog.sectionsOwing(sampleCatalog.task(task.id)!));
  });
});

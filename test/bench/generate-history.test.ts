import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDepartment } from '../../src/bench/generate-department';
import { generateHistory } from '../../src/bench/generate-history';
import { loadRoster } from '../../src/org/roster';
import { dbSchema, type Db } from '../../src/store/schema';
import { loadTaskCatalog, type TaskCatalog } from '../../src/tasks/catalog';
import { deadlineOf } from '../../src/tasks/period';
import { captureLog } from '../helpers/silent-logger';
import { tempDir } from '../helpers/temp-dir';
import { OutboxView } from '../../src/reminders/outbox-records';

const UNTIL = new Date('2026-11-24T09:00:00+08:00');

describe('a generated history of three months, 8 sections', () => {
  let db: Db;
  let catalog: TaskCatalog;

  beforeAll(async () => {
    const dir = tempDir();
    const files = generateDepartment(8);
    writeFileSync(path.join(dir, 'org.yaml'), files.org);
    writeFileSync(path.join(dir, 'tasks.yaml'), files.tasks);
    const roster = loadRoster(path.join(dir, 'org.yaml'));
    catalog = loadTaskCatalog(path.join(dir, 'tasks.yaml'), roster);
    db = await generateHistory({ roster, catalog, months: 3, until: UNTIL, log: captureLog().log });
  });

  it('is a state the store reads', () => {
    expect(dbSchema.safeParse(db).success).toBe(true);
  });

  it('has reports on time and late as their deadlines say, some returned, corrected or exempted, one in force per section and task', () => {
    const inForce = new Set<string>();
    for (const s of db.submissions) {
      expect(s.late, s.id).toBe(new Date(s.submittedAt) > deadlineOf(catalog.task(s.taskId)!, s.month, catalog));
      expect(new Date(s.submittedAt) < UNTIL).toBe(true);
      if (s.supersededAt) continue;
      const cell = `${s.month}|${s.taskId}|${s.sectionId}`;
      expect(inForce.has(cell), cell).toBe(false);
      inForce.add(cell);
    }
    expect(db.submissions.filter((s) => s.late).length).toBeGreaterThan(0);
    expect(db.submissions.filter((s) => s.returned && s.supersededAt).length).toBeGreaterThan(0);
    expect(db.exemptions.length).toBeGreaterThan(0);
    expect(db.submissions.map((s) => s.submittedAt)).toEqual(db.submissions.map((s) => s.submittedAt).sort());
  });

  it('has the reminder job’s messages sent up to the last working morning, and the closed months published', () => {
    expect(db.outbox.every((e) => e.status === 'sent' && e.sentAt)).toBe(true);
    // Nightly housekeeping keeps only the keys of entries sent days ago.
    expect([...new OutboxView(db).recordedKeys()]).toEqual(expect.arrayContaining(['group|2026-11-19|main', 'dm|2026-11-17|commerce-reporter', '2026-10|ranking-draft|system-head']));
    expect(Object.keys(db.outboxArchive)).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(db.reminderState).toEqual({ firstRunAt: '2026-09-01T01:30:00.000Z', directPassAt: '2026-11-23T01:30:00.000Z', groupPassAt: '2026-11-23T02:00:00.000Z' });
    expect([...new Set(db.rankings.map((r) => r.month))]).toEqual(['2026-09', '2026-10']);
    expect(db.pendingPublications).toEqual({});
  });

  it('keeps only the last week of message ids and cards, as housekeeping does', () => {
    const weekBefore = new Date(UNTIL.getTime() - 8 * 86_400_000).toISOString();
    expect(Object.keys(db.seenMessages).length).toBeGreaterThan(0);
    expect(Object.values(db.seenMessages).every((at) => at > weekBefore)).toBe(true);
    expect(Object.values(db.cards.sent).every((c) => c.sentAt > weekBefore)).toBe(true);
    expect(db.pointsItems.some((i) => i.status === 'approved')).toBe(true);
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLogger } from '../logger';
import { loadRoster } from '../org/roster';
import type { Db } from '../store/schema';
import { loadTaskCatalog } from '../tasks/catalog';
import { atLocalTime } from '../tasks/period';
import { localDateTime } from '../time';
import { startBenchBot, type Department } from './bench-bot';
import { BENCH_NOW, type ChildReport, type ChildTask, type Figures } from './child-protocol';
import { generateDepartment } from './generate-department';
import { generateHistory } from './generate-history';
import { burst, burstPeople, formAnswers, progressReplies } from './measure';
import { storeNamed } from './stores';

/** The size of the burst: 200 people writing in the group at once. */
const BURST = 200;

/** One configuration's work for `bench:scale`, in a process of its own (see child-protocol.ts). */
async function main(): Promise<void> {
  const task = JSON.parse(process.argv[2]!) as ChildTask;
  // Warnings and errors only, to stderr: the parent shows them when a child fails.
  const log = createLogger('warn', { kind: 'stderr' }, []);
  switch (task.kind) {
    case 'generate': {
      const started = performance.now();
      const files = generateDepartment(task.sections);
      const department = departmentIn(task.fixtureDir);
      writeFileSync(department.orgFile, files.org);
      writeFileSync(department.tasksFile, files.tasks);
      const roster = loadRoster(department.orgFile);
      const catalog = loadTaskCatalog(department.tasksFile, roster);
      const state = await generateHistory({ roster, catalog, months: task.months, until: BENCH_NOW, log });
      writeFileSync(stateFile(task.fixtureDir), JSON.stringify(state));
      figure('generate_s', (performance.now() - started) / 1000);
      break;
    }
    case 'seed': {
      const store = storeNamed(task.store);
      await store.seed(task.dataDir, JSON.parse(readFileSync(stateFile(task.fixtureDir), 'utf8')) as Db);
      figure('db_bytes', await store.sizeOnDisk(task.dataDir));
      break;
    }
    case 'measure': {
      const bench = await startBenchBot(storeNamed(task.store), task.dataDir, departmentIn(task.fixtureDir), BENCH_NOW, log);
      figure('startup_s', bench.startupSeconds);
      figure('open_s', bench.openSeconds);
      if (task.part === 'main') {
        gc();
        figure('rss_mb', process.memoryUsage().rss / 2 ** 20);
        figure('heap_mb', process.memoryUsage().heapUsed / 2 ** 20);
        const form = await formAnswers(bench, task.budgetMs);
        figure('form_p50_ms', form.p50);
        figure('form_p99_ms', form.p99);
        figure('form_samples', form.samples);
        const progress = await progressReplies(bench, task.budgetMs);
        figure('progress_p50_ms', progress.p50);
        figure('progress_p99_ms', progress.p99);
        figure('progress_samples', progress.samples);
        // The day's direct-message pass, as a bot running since the morning makes it: on an
        // ordinary day before the deadlines, the admins' digest of what came in.
        const pass = atLocalTime(localDateTime(BENCH_NOW).toISODate()!, bench.catalog.defaults.reminders.direct_at);
        if (bench.clock.now() >= pass) throw new Error('the form and 进度 samples ran past the reminder pass');
        bench.clock.set(pass);
        const sentBefore = bench.sent();
        const started = performance.now();
        await bench.reminders.run(pass);
        figure('reminder_ms', performance.now() - started);
        figure('reminder_messages', bench.sent() - sentBefore);
      } else {
        // 收到 is group chatter anyone may write; 填报 is for those who report (reporters, heads, admins).
        const people = task.part === 'chatter' ? burstPeople(bench, BURST, () => true) : burstPeople(bench, BURST, (roles) => roles.some((r) => r !== 'staff'));
        figure(task.part === 'chatter' ? 'burst_chatter_people' : 'burst_submit_people', people.length);
        const seconds = await burst(bench, people, task.part === 'chatter' ? '收到' : '填报', (done) => report({ kind: 'progress', part: task.part, done, total: people.length }));
        figure(task.part === 'chatter' ? 'burst_chatter_s' : 'burst_submit_s', seconds);
      }
      break;
    }
  }
  // Exiting (rather than being killed) lets `node --cpu-prof` write its profile.
  process.send!({ kind: 'done' } satisfies ChildReport, () => process.exit(0));
}

function departmentIn(fixtureDir: string): Department {
  return { orgFile: path.join(fixtureDir, 'org.yaml'), tasksFile: path.join(fixtureDir, 'tasks.yaml') };
}

function stateFile(fixtureDir: string): string {
  return path.join(fixtureDir, 'state.json');
}

function figure(name: keyof Figures, value: number): void {
  report({ kind: 'figure', name, value });
}

function report(message: ChildReport): void {
  process.send!(message);
}

/** Collects garbage first, so the memory figures are what the loaded bot keeps (needs --expose-gc). */
function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

main().catch(
  (error: unknown) => {
    process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
    process.exit(1);
  },
);

/**
 * What `bench:scale` asks of a child process, and what the child reports back over IPC. Each
 * configuration is measured in children of its own, so one's memory and heap never count for
 * another, and one that runs over its time can be stopped.
 */
export type ChildTask =
  /** Generate a department and its history into `fixtureDir` (org.yaml, tasks.yaml, state.json). */
  | { kind: 'generate'; sections: number; months: number; fixtureDir: string }
  /** Write the generated state into a store's empty data directory. */
  | { kind: 'seed'; store: string; fixtureDir: string; dataDir: string }
  /** Start the bot over a seeded copy and measure one part. */
  | { kind: 'measure'; part: MeasuredPart; store: string; fixtureDir: string; dataDir: string; budgetMs: number };

/** main: startup, memory, one reminder run, form answers and 进度; the two bursts each on their own. */
export type MeasuredPart = 'main' | 'chatter' | 'submit';

export type ChildReport =
  /** A figure measured (see Figures). */
  | { kind: 'figure'; name: keyof Figures; value: number }
  /** How far a long measurement has come, shown if the child runs out of time. */
  | { kind: 'progress'; part: string; done: number; total: number }
  | { kind: 'done' };

/** Every figure a configuration can have; a part that ran out of time leaves its figures out. */
export interface Figures {
  generate_s: number;
  db_bytes: number;
  startup_s: number;
  open_s: number;
  rss_mb: number;
  heap_mb: number;
  reminder_ms: number;
  reminder_messages: number;
  form_p50_ms: number;
  form_p99_ms: number;
  form_samples: number;
  progress_p50_ms: number;
  progress_p99_ms: number;
  progress_samples: number;
  burst_chatter_s: number;
  burst_chatter_people: number;
  burst_submit_s: number;
  burst_submit_people: number;
}

/** The moment the generated history ends and the measurements start: a Tuesday morning in the current month, before the day's reminders. */
export const BENCH_NOW = new Date('2026-11-24T09:00:00+08:00');

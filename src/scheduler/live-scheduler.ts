import schedule from 'node-schedule';
import type { Clock } from '../core/clock';
import type { Logger } from '../logger';
import type { Job } from './job';

/** Wakes jobs on the wall clock with node-schedule, re-arming each after it runs. */
export class LiveScheduler {
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #armed = new Map<Job, { at: Date; handle: schedule.Job }>();
  #jobs: Job[] = [];
  #stopped = false;

  constructor(clock: Clock, log: Logger) {
    this.#clock = clock;
    this.#log = log;
  }

  async start(jobs: Job[]): Promise<void> {
    this.#jobs = jobs;
    for (const job of jobs) if (job.runAtStartup) await runJob(job, this.#clock.now(), this.#log);
    for (const job of jobs) this.#arm(job, this.#clock.now());
  }

  /** Something changed what a job has to do (a message was handled): wake it earlier if needed. */
  refresh(): void {
    const now = this.#clock.now();
    for (const job of this.#jobs) {
      const at = job.nextRun(now);
      const armed = this.#armed.get(job);
      if (at && (!armed || at < armed.at)) this.#arm(job, now);
    }
  }

  stop(): void {
    this.#stopped = true;
    for (const { handle } of this.#armed.values()) handle.cancel();
    this.#armed.clear();
  }

  #arm(job: Job, after: Date): void {
    this.#armed.get(job)?.handle.cancel();
    this.#armed.delete(job);
    const at = job.nextRun(after);
    if (!at || this.#stopped) return;
    const handle = schedule.scheduleJob(at, async () => {
      this.#armed.delete(job);
      await runJob(job, this.#clock.now(), this.#log);
      this.#arm(job, at);
    });
    // scheduleJob returns null for a time already past; try again from the present.
    if (handle) this.#armed.set(job, { at, handle });
    else this.#arm(job, this.#clock.now());
  }
}

/** A failing job is logged and retried at its next time; it never takes the bot down. */
export async function runJob(job: Job, now: Date, log: Logger): Promise<void> {
  try {
    await job.run(now);
  } catch (error) {
    log.error({ err: error, job: job.name }, 'scheduled job failed');
  }
}

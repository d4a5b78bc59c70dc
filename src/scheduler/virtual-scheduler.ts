import type { VirtualClock } from '../core/clock';
import type { Logger } from '../logger';
import type { Job } from './job';
import { runJob } from './live-scheduler';

/**
 * Simulate's scheduler: moving the virtual clock forward runs, in time order, every job due in
 * between, each with the clock set to its own time — what the live bot would have done.
 */
export class VirtualScheduler {
  readonly #clock: VirtualClock;
  readonly #log: Logger;
  readonly #next = new Map<Job, Date | null>();
  #atStartup: Job[];

  constructor(clock: VirtualClock, jobs: Job[], log: Logger) {
    this.#clock = clock;
    this.#log = log;
    this.#atStartup = jobs.filter((j) => j.runAtStartup);
    for (const job of jobs) this.#next.set(job, job.nextRun(clock.now()));
  }

  async advanceTo(target: Date): Promise<void> {
    // The bot's start, as the live scheduler does it: catch-up jobs run once at the first moment.
    const startup = this.#atStartup.splice(0);
    for (const job of startup) await runJob(job, this.#clock.now(), this.#log);
    // Armed only after the catch-up, as the live scheduler does: the catch-up changes what is due next.
    for (const job of startup) this.#next.set(job, job.nextRun(this.#clock.now()));
    for (;;) {
      const due = this.#earliestDue(target);
      if (!due) break;
      const [job, at] = due;
      this.#clock.set(at);
      await runJob(job, at, this.#log);
      this.#next.set(job, job.nextRun(at));
    }
    this.#clock.set(target);
  }

  /** Something changed what a job has to do (a message was handled): wake it earlier if needed. */
  refresh(): void {
    for (const [job, next] of this.#next) {
      const at = job.nextRun(this.#clock.now());
      if (at && (!next || at < next)) this.#next.set(job, at);
    }
  }

  #earliestDue(target: Date): [Job, Date] | undefined {
    let best: [Job, Date] | undefined;
    for (const [job, at] of this.#next) {
      if (at && at <= target && (!best || at < best[1])) best = [job, at];
    }
    return best;
  }
}

import type { Timer } from '../../src/core/outbound/timer';

/**
 * A timer that only moves when nothing else can run: `run(work)` lets the code under test go as
 * far as it can, then wakes the earliest sleeper at its wake-up time, and so on until `work`
 * settles. Waits are measured in virtual milliseconds, so pacing and back-off cost no real time.
 */
export class ManualTimer implements Timer {
  #now = 0;
  #sleepers: Array<{ at: number; wake: () => void }> = [];
  /** Every wait asked for, in order. */
  readonly sleeps: number[] = [];

  now(): number {
    return this.#now;
  }

  sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    return new Promise((wake) => this.#sleepers.push({ at: this.#now + ms, wake }));
  }

  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    work.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (;;) {
      // Let every continuation that can run, run.
      await new Promise((resolve) => setImmediate(resolve));
      if (settled) return work;
      const next = this.#sleepers.sort((a, b) => a.at - b.at).shift();
      if (!next) throw new Error('the work is stuck: nothing is sleeping and it has not settled');
      this.#now = Math.max(this.#now, next.at);
      next.wake();
    }
  }
}

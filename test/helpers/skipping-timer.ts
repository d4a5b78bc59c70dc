import type { Timer } from '../../src/core/outbound/timer';

/**
 * Back-off and pacing without real waiting: each wait is recorded and passes at once. (The
 * ManualTimer cannot serve where a platform answers on its own time, such as a real HTTP call or
 * a puppet's events: it would declare the work stuck while they are in flight.)
 */
export class SkippingTimer implements Timer {
  #now = 0;
  readonly sleeps: number[] = [];

  now(): number {
    return this.#now;
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.#now += ms;
  }
}

/** Time comes from here, never from `new Date()` in domain code, so simulate and tests can steer it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to: simulate's and the tests'. */
export class VirtualClock implements Clock {
  #time: Date;

  constructor(start: Date) {
    this.#time = new Date(start);
  }

  now(): Date {
    return new Date(this.#time);
  }

  set(time: Date): void {
    if (time < this.#time) throw new Error(`clock cannot go back from ${this.#time.toISOString()} to ${time.toISOString()}`);
    this.#time = new Date(time);
  }
}

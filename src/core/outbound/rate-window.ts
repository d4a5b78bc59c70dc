/**
 * A sliding-window rate limit: at most `limit` sends in any `windowMs`. Platforms state their
 * limits this way (Lark: 50 sends a second per app, 5 a second per chat) and answer a burst
 * beyond them with errors, so the bot paces itself rather than spending retries on refusals. A
 * limit of 1 is a least gap between sends (a personal WeChat account: one per 1.5 s per chat).
 *
 * Slots are handed out in order and recorded at once, so concurrent callers never share one.
 */
export class RateWindow {
  readonly #limit: number;
  readonly #windowMs: number;
  /** The latest `limit` slots handed out, ascending. */
  #slots: number[] = [];

  constructor(limit: number, windowMs: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`rate limit must be a positive integer, not ${limit}`);
    if (!(windowMs >= 0)) throw new Error(`rate window must be zero or more milliseconds, not ${windowMs}`);
    this.#limit = limit;
    this.#windowMs = windowMs;
  }

  /** The earliest time at or after `at` when a send is allowed, without taking it. */
  next(at: number): number {
    const last = this.#slots.at(-1) ?? -Infinity;
    const oldest = this.#slots.length < this.#limit ? -Infinity : this.#slots[this.#slots.length - this.#limit]! + this.#windowMs;
    return Math.max(at, last, oldest);
  }

  /** Records a send at `at`, which must not be before `next(…)` said. */
  take(at: number): void {
    this.#slots.push(at);
    if (this.#slots.length > this.#limit) this.#slots.shift();
  }

  /** Takes the earliest allowed slot at or after `at` and returns it. */
  reserve(at: number): number {
    const slot = this.next(at);
    this.take(slot);
    return slot;
  }

  /** True once nothing recorded can hold up a send at `at`: the window may be forgotten. */
  idleAt(at: number): boolean {
    const last = this.#slots.at(-1);
    return last === undefined || last + this.#windowMs <= at;
  }
}

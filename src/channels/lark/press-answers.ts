/**
 * Feishu shows the outcome of a card press best in the callback's own answer (a toast and the new
 * card, within 3 s); a card changed later needs a PATCH. A press therefore waits a little for the
 * bot to update the card, and hands that card back to be answered in-band; when the bot takes
 * longer (a busy chat, a slow answer), the press is answered with a toast alone and the update,
 * arriving later, goes out as a PATCH.
 */
export class PressAnswers {
  readonly #waiting = new Map<string, (card: unknown) => void>();
  readonly #waitMs: number;

  /** `waitMs` stays well under Feishu's 3 s so the answer is never late. */
  constructor(waitMs: number) {
    this.#waitMs = waitMs;
  }

  /**
   * Resolves with the card the bot puts on `messageId` while a press on it is handled, or with
   * undefined when none comes in time.
   */
  async awaitUpdate(messageId: string, handle: () => void): Promise<unknown> {
    let timer: NodeJS.Timeout | undefined;
    let mine: ((card: unknown) => void) | undefined;
    const updated = new Promise<unknown>((resolve) => {
      mine = resolve;
      this.#waiting.set(messageId, resolve);
      timer = setTimeout(() => resolve(undefined), this.#waitMs);
    });
    handle();
    try {
      return await updated;
    } finally {
      clearTimeout(timer);
      // Two people may press one group card at once: leave the other press's waiter alone.
      if (this.#waiting.get(messageId) === mine) this.#waiting.delete(messageId);
    }
  }

  /** Hands `card` to a press waiting on `messageId`; false when none waits (then PATCH it). */
  offer(messageId: string, card: unknown): boolean {
    const resolve = this.#waiting.get(messageId);
    if (!resolve) return false;
    this.#waiting.delete(messageId);
    resolve(card);
    return true;
  }
}

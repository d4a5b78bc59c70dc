/**
 * Runs tasks one at a time per key and concurrently across keys. Each person's messages in a chat
 * are handled in the order they arrived (a reply to question 2 must not overtake question 1),
 * while one person, or one chat, does not hold up the others.
 */
export class KeyedQueue {
  #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.#tails.set(key, tail);
    // Forget idle keys so the map does not grow with every chat ever seen.
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }

  /** Resolves once every task queued so far has finished (a channel's stop waits for what is in hand). */
  async idle(): Promise<void> {
    await Promise.all(this.#tails.values());
  }
}

/**
 * The order key of an event: one person in one chat. Two people answering in the same group do
 * not wait for each other; one person's messages keep their order.
 */
export function personInChat(chatId: string, senderId: string): string {
  return `${chatId}|${senderId}`;
}

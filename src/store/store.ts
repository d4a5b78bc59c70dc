import type { StateEngine } from './state-engine';
import { changesOf, viewOf, type StateChanges, type StateView } from './state-view';

/**
 * The bot's persistent state as the rest of the bot sees it: narrow, indexed reads by area
 * (submissions by month, section and task; conversations; cards; dedupe; outbox; rankings;
 * points) and narrow changes, each call to `change` one durable transaction. Which engine keeps
 * it — lowdb files or PostgreSQL — is the engine's business (state-engine.ts).
 */
export class Store {
  readonly #engine: StateEngine;

  constructor(engine: StateEngine) {
    this.#engine = engine;
  }

  /** The committed state, read through its areas' views (built once per version of the state). */
  get view(): StateView {
    return viewOf(this.#engine.data);
  }

  /**
   * Makes the changes `change` asks of the areas, all or none, and resolves with what it returned
   * once they are durable (a record comes back read-only). A change that throws changes nothing.
   */
  change<T>(change: (tx: StateChanges) => T): Promise<T> {
    return this.#engine.update((draft) => change(changesOf(draft)));
  }

  /** Waits for what is being written, then lets go of the storage. */
  close(): Promise<void> {
    return this.#engine.close();
  }
}

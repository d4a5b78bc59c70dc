import type { Db } from '../store/schema';

/** How long a handled message id is remembered; platforms redeliver within minutes, not days. */
export const SEEN_RETENTION_DAYS = 7;

type SeenState = Pick<Db, 'seenMessages'>;

/** The platform message keys already handled. */
export class SeenView {
  constructor(protected readonly state: Readonly<SeenState>) {}

  has(key: string): boolean {
    return this.state.seenMessages[key] !== undefined;
  }
}

export class SeenChanges extends SeenView {
  declare protected readonly state: SeenState;

  /** Notes the key as handled; false when it already was. */
  note(key: string, at: Date): boolean {
    if (this.has(key)) return false;
    this.state.seenMessages[key] = at.toISOString();
    return true;
  }

  /** Forgets the keys handled before `cutoff`. */
  forgetBefore(cutoff: Date): void {
    const before = cutoff.toISOString();
    for (const [key, at] of Object.entries(this.state.seenMessages)) if (at < before) delete this.state.seenMessages[key];
  }
}

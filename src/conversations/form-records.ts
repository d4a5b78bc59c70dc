import { randomUUID } from 'node:crypto';
import type { ConversationState, Db, ParkedForm, PendingChoice } from '../store/schema';

type FormState = Pick<Db, 'conversations' | 'parkedForms'>;

/** Says which form a state is about (a flow's `subject`): set-aside copies of the same form replace each other. */
export type SubjectOf = (state: Pick<ConversationState, 'step' | 'data'>) => string;

/** The forms people have open, by conversation key (channel and person), and those set aside or lapsed. */
export class FormsView {
  constructor(protected readonly state: Readonly<FormState>) {}

  open(key: string): ConversationState | undefined {
    return this.state.conversations[key];
  }

  /** Every open form, with its conversation key. */
  openForms(): Array<[string, ConversationState]> {
    return Object.entries(this.state.conversations);
  }

  /** A person's set-aside and lapsed forms, in the order they were parked. */
  parkedOf(key: string): ParkedForm[] {
    return this.state.parkedForms.filter((p) => p.key === key);
  }

  parked(id: string): ParkedForm | undefined {
    return this.state.parkedForms.find((p) => p.id === id);
  }

  allParked(): readonly ParkedForm[] {
    return this.state.parkedForms;
  }
}

export class FormChanges extends FormsView {
  declare protected readonly state: FormState;

  put(key: string, state: ConversationState): void {
    this.state.conversations[key] = state;
  }

  /** Closes the open form at `key`, keeping nothing of it. */
  drop(key: string): void {
    delete this.state.conversations[key];
  }

  /** Sets or (undefined) clears the question waiting on the open form. */
  setPending(key: string, pending: PendingChoice | undefined): void {
    const state = this.state.conversations[key];
    if (!state) return;
    if (pending) state.pending = pending;
    else delete state.pending;
  }

  /** Moves the open form at `key` to the set-aside list, replacing an older copy of the same form. */
  park(key: string, subjectOf: SubjectOf, reason: ParkedForm['reason'], at: string): void {
    const state = this.state.conversations[key];
    if (!state) return;
    this.#dropCopies(key, state.flow, subjectOf, subjectOf(state));
    this.state.parkedForms.push({ id: randomUUID().slice(0, 8), key, flow: state.flow, version: state.version, step: state.step, data: state.data, updatedAt: state.updatedAt, reason, parkedAt: at });
    delete this.state.conversations[key];
  }

  /** Closes the open form at `key` with its set-aside copies (those of `flow` about `subject`). */
  close(key: string, flow: string, subjectOf: SubjectOf, subject: string): void {
    delete this.state.conversations[key];
    this.#dropCopies(key, flow, subjectOf, subject);
  }

  /** Reopens a parked form as the open form at `key`. */
  restore(parkedId: string, key: string, state: ConversationState): void {
    this.dropParked((p) => p.id === parkedId);
    this.state.conversations[key] = state;
  }

  dropParked(which: (parked: ParkedForm) => boolean): void {
    this.state.parkedForms = this.state.parkedForms.filter((p) => !which(p));
  }

  #dropCopies(key: string, flow: string, subjectOf: SubjectOf, subject: string): void {
    this.dropParked((p) => p.key === key && p.flow === flow && subjectOf(p) === subject);
  }
}

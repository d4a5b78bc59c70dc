import { CardChanges, CardsView } from '../core/cards';
import { SeenChanges, SeenView } from '../core/dedupe';
import { FormChanges, FormsView } from '../conversations/form-records';
import { PointsChanges, PointsView } from '../points/records';
import { RankingChanges, RankingsView } from '../ranking/records';
import { OutboxChanges, OutboxView } from '../reminders/outbox-records';
import { SubmissionChanges, SubmissionsView } from '../submissions/records';
import type { Db } from './schema';

/**
 * The state by area, each read through its own narrow operations; a function takes the areas it
 * needs (`Pick<StateView, 'submissions'>`), never the whole state.
 */
export interface StateView {
  readonly seen: SeenView;
  readonly forms: FormsView;
  readonly cards: CardsView;
  readonly submissions: SubmissionsView;
  readonly points: PointsView;
  readonly rankings: RankingsView;
  readonly outbox: OutboxView;
}

/** The same areas inside one transaction, with their changes. */
export interface StateChanges extends StateView {
  readonly seen: SeenChanges;
  readonly forms: FormChanges;
  readonly cards: CardChanges;
  readonly submissions: SubmissionChanges;
  readonly points: PointsChanges;
  readonly rankings: RankingChanges;
  readonly outbox: OutboxChanges;
}

const views = new WeakMap<Readonly<Db>, StateView>();

/** The views of a committed (immutable) state, made once per version of it. */
export function viewOf(state: Readonly<Db>): StateView {
  let view = views.get(state);
  if (!view) {
    view = {
      seen: new SeenView(state),
      forms: new FormsView(state),
      cards: new CardsView(state),
      submissions: new SubmissionsView(state),
      points: new PointsView(state),
      rankings: new RankingsView(state),
      outbox: new OutboxView(state),
    };
    views.set(state, view);
  }
  return view;
}

/** The changes of one transaction, on its draft of the state. */
export function changesOf(draft: Db): StateChanges {
  return {
    seen: new SeenChanges(draft),
    forms: new FormChanges(draft),
    cards: new CardChanges(draft),
    submissions: new SubmissionChanges(draft),
    points: new PointsChanges(draft),
    rankings: new RankingChanges(draft),
    outbox: new OutboxChanges(draft),
  };
}

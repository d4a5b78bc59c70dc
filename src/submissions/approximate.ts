/**
 * Which numeric answers of a form were given as approximate (120左右, 大概120): the field ids,
 * kept beside the answers so that the answers themselves stay plain numbers for rates and ledgers.
 */

/** The flags after `fieldId` was answered, approximately or not. */
export function flagApproximate(flags: readonly string[] | undefined, fieldId: string, approximate: boolean): string[] {
  const others = (flags ?? []).filter((id) => id !== fieldId);
  return approximate ? [...others, fieldId] : others;
}

/** The flags that still stand for a number among `answers` (an answer skipped or dropped since loses its flag). */
export function approximateAnswers(flags: readonly string[] | undefined, answers: Record<string, unknown>): string[] {
  return (flags ?? []).filter((id) => typeof answers[id] === 'number');
}

import { describe, expect, it } from 'vitest';
import { loadTable, novemberLoad } from './message-load';

/**
 * Messages per person in the sample November (the README's table). Before the rework, with
 * nobody submitting, a reporter got 3 DMs and 3 group @-mentions, a head 3 「今日截止」, and with
 * the realistic mix each admin about 45 DMs (one per submission). `PRINT_LOAD=1` prints the table.
 */
describe('messages per person, sample November 2026', () => {
  it('nobody submitting, and a realistic mix: a few messages each, never a flood', async () => {
    const quiet = await novemberLoad(false);
    const mix = await novemberLoad(true);
    if (process.env.PRINT_LOAD) console.log(loadTable([['nobody submits', quiet], ['realistic mix', mix]]));
    const by = (load: typeof quiet, id: string) => load.people.find((p) => p.id === id)!;
    // A reporter: the round's first DM and its due-day DM, one group message.
    expect(by(quiet, 'wang-fang')).toMatchObject({ dms: 2, mentions: 1 });
    // A head: the heads-up and the due day.
    expect(by(quiet, 'sun-haoran')).toMatchObject({ dms: 2, mentions: 0 });
    // An admin: a digest the morning after each deadline, and the ranking draft.
    expect(by(quiet, 'gao-ya')).toMatchObject({ dms: 4, mentions: 0 });
    expect(quiet.groupMessages).toBe(1);
    // With submissions coming in, the admins hear once a morning instead of once per submission.
    expect(by(mix, 'gao-ya').dms).toBeLessThanOrEqual(10);
    expect(Math.max(...mix.people.map((p) => p.dms))).toBeLessThanOrEqual(10);
    expect(mix.groupMessages).toBe(1);
  }, 120_000);
});

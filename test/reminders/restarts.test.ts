import { describe, expect, it } from 'vitest';
import type { ScriptLine } from '../helpers/simulate';
import { simulate } from '../helpers/simulate';
import { tempDir } from '../helpers/temp-dir';
import { realisticSubmissions } from './message-load';
import { seededRandom } from './seeded-random';

const START = '2026-11-01T08:00:00+08:00';
const END = '2026-12-08T18:00:00+08:00';

/** Beijing time, as scripts are written. */
function beijing(time: number): string {
  return `${new Date(time + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

/**
 * The same script cut at `cuts`: each piece is one run of the bot on the same data directory,
 * started where the previous one stopped — a restart at that very moment.
 */
async function runWithRestarts(lines: ScriptLine[], cuts: number[]) {
  const dataDir = tempDir();
  const bounds = [new Date(START).getTime(), ...cuts, new Date(END).getTime()];
  const out = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [from, to] = [bounds[i]!, bounds[i + 1]!];
    const inside = lines.filter((l) => l.from && new Date(l.at).getTime() > from && new Date(l.at).getTime() <= to);
    out.push(...(await simulate([{ at: beijing(from) }, ...inside, { at: beijing(to) }], { dataDir })));
  }
  return out;
}

describe('what is sent does not depend on when the bot restarts', () => {
  it('61 restarts at random moments (fixed seed) send exactly what one continuous run sends', async () => {
    const lines = realisticSubmissions();
    const continuous = await runWithRestarts(lines, []);
    const random = seededRandom(61);
    const span = new Date(END).getTime() - new Date(START).getTime();
    // Whole minutes, as a restart between two script lines; weekends, nights and pass times included.
    const cuts = [...new Set(Array.from({ length: 61 }, () => new Date(START).getTime() + Math.floor((random() * span) / 60_000) * 60_000))].sort((a, b) => a - b);
    const restarted = await runWithRestarts(lines, cuts);
    expect(continuous.filter((o) => o.card?.title.includes('通报'))).not.toEqual([]);
    expect(restarted).toEqual(continuous);
  }, 300_000);

  it('a process started on a Sunday sends the draft whose window is still open at Monday\'s first pass', async () => {
    const dataDir = tempDir();
    // Running since October, down from the evening of Mon 10-26 (the last deadline) to Sunday 11-01.
    await simulate([{ at: '2026-10-01T08:00:00+08:00' }, { at: '2026-10-26T18:00:00+08:00' }], { dataDir });
    const sunday = await simulate([{ at: '2026-11-01T12:00:00+08:00' }, { at: '2026-11-03T18:00:00+08:00' }], { dataDir });
    const drafts = sunday.filter((o) => o.card?.title.includes('2026年10月'));
    expect(drafts.map((o) => `${o.at} ${o.chat}`)).toEqual([
      '2026-11-02T09:30:00+08:00 dm:lin-xiaoyan',
      '2026-11-02T09:30:00+08:00 dm:xu-wenbo',
      '2026-11-02T09:30:00+08:00 dm:gao-ya',
    ]);
  });
});

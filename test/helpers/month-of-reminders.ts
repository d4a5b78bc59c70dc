import { loadTaskCatalog } from '../../src/tasks/catalog';
import type { botHarness } from './bot-harness';

/** A whole bot over a platform, as the platform harnesses make one. */
interface PlatformBot<Sent> {
  harness: Awaited<ReturnType<typeof botHarness>>;
  advanceTo(time: string): Promise<Sent[]>;
  stop(): Promise<void>;
}

/** What a platform bot's `advanceTo` says reached the platform, message by message. */
type SentBy<Bot> = Bot extends PlatformBot<infer Sent> ? Sent : never;

/** 商事登记科 (王芳's section) has sent in everything November asks of it. */
export async function commerceSubmitsEverything(h: PlatformBot<unknown>): Promise<void> {
  const { store, roster, clock } = h.harness;
  const catalog = loadTaskCatalog('data/tasks.yaml', roster);
  await store.change((tx) => {
    for (const task of catalog.tasksOwedBy('commerce')) {
      tx.submissions.add({ month: '2026-11', taskId: task.id, sectionId: 'commerce', answers: {}, formVersion: catalog.formVersion(task), submittedBy: 'wang-fang', submittedAt: clock.now(), late: false });
    }
  });
}

/**
 * What a bot running since the 16th sends by noon on the 19th, when heads and the group are
 * reminded, after 商事登记科 sent in everything on the 18th.
 */
export async function the19thAfterCommerceSentEverything<Options extends { start?: Date }, Bot extends PlatformBot<unknown>>(bot: (options?: Options) => Promise<Bot>): Promise<SentBy<Bot>[]> {
  const h = await bot({ start: new Date('2026-11-16T08:00:00+08:00') } as Options);
  await h.advanceTo('2026-11-18T12:00:00+08:00');
  await commerceSubmitsEverything(h);
  return (await h.advanceTo('2026-11-19T12:00:00+08:00')) as SentBy<Bot>[];
}

/**
 * The reminders of 16–23 November (reporters on the 17th, heads and the group on the 19th, the
 * admins' digests) sent twice: by a bot running all along (`month`), and by one stopped at 10:00
 * on the 19th (`before`) and restarted at that very moment, the group pass, on the same store and
 * what `sameAccount` keeps of its platform (`rerun`: its first five minutes, `after`: the rest).
 */
export async function theMonthRunAndRestarted<Options extends { start?: Date; dataDir?: string }, Bot extends PlatformBot<unknown>>(
  bot: (options?: Options) => Promise<Bot>,
  sameAccount: (first: Bot) => Partial<Options> = () => ({}),
): Promise<Record<'month' | 'before' | 'rerun' | 'after', SentBy<Bot>[]>> {
  const continuous = await bot({ start: new Date('2026-11-16T08:00:00+08:00') } as Options);
  const month = await continuous.advanceTo('2026-11-23T12:00:00+08:00');

  const first = await bot({ start: new Date('2026-11-16T08:00:00+08:00') } as Options);
  const before = await first.advanceTo('2026-11-19T10:00:00+08:00');
  await first.stop();
  const restarted = await bot({ ...sameAccount(first), start: new Date('2026-11-19T10:00:00+08:00'), dataDir: first.harness.dataDir } as Options);
  const rerun = await restarted.advanceTo('2026-11-19T10:05:00+08:00');
  const after = await restarted.advanceTo('2026-11-23T12:00:00+08:00');
  return { month, before, rerun, after } as Record<'month' | 'before' | 'rerun' | 'after', SentBy<Bot>[]>;
}

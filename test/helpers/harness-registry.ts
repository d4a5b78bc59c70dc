import { afterEach } from 'vitest';

interface Stoppable {
  stop(): Promise<void>;
}

interface Closable {
  close(): Promise<void>;
}

/**
 * For a test file: `bot(options)` starts a whole bot with `start`, and after each test every bot
 * started is stopped, then what they shared (`sharedOf`: e.g. the fake platform a restarted bot
 * reuses) is closed, each once.
 */
export function harnessRegistry<Options, Harness extends Stoppable>(
  start: (options?: Options) => Promise<Harness>,
  sharedOf: (h: Harness) => Closable[] = () => [],
): (options?: Options) => Promise<Harness> {
  const running: Harness[] = [];
  const shared = new Set<Closable>();
  afterEach(async () => {
    for (const h of running.splice(0)) await h.stop();
    for (const resource of shared) await resource.close();
    shared.clear();
  });
  return async (options) => {
    const h = await start(options);
    running.push(h);
    for (const resource of sharedOf(h)) shared.add(resource);
    return h;
  };
}

/** For a test file: `start(…)` starts what a test uses (e.g. a fake platform), closed after each test. */
export function closedAfterEach<Args extends unknown[], Started extends Closable>(start: (...args: Args) => Promise<Started>): (...args: Args) => Promise<Started> {
  const started: Started[] = [];
  afterEach(async () => {
    for (const resource of started.splice(0)) await resource.close();
  });
  return async (...args) => {
    const resource = await start(...args);
    started.push(resource);
    return resource;
  };
}

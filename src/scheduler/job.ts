/**
 * Something the bot does on its own at certain times (housekeeping, later reminders). The live
 * bot arms node-schedule with `nextRun`; simulate's virtual clock calls the very same `run`.
 */
export interface Job {
  name: string;
  /** The first time strictly after `after` that the job should run, or null for never. */
  nextRun(after: Date): Date | null;
  run(now: Date): Promise<void>;
  /** Also run once when the bot starts, to catch up on what fell due while it was down. */
  runAtStartup?: boolean;
}

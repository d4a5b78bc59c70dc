/**
 * Something the bot does on its own at certain times (housekeeping, later reminders). The live
 * bot arms node-schedule with `nextRun`; simulate's virtual clock calls the very same `run`.
 */
export interface Job {
  name: string;
  /** The first time strictly after `after` that the job should run, or null for never. */
  nextRun(after: Date): Date | null;
  run(now: Date): Promise<void>;
}

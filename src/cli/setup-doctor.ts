import { loadConfig, type Config } from '../config';
import { loadRoster, type Roster } from '../org/roster';
import { StartupError } from '../startup-error';

/** One platform's doctor (`npm run lark:check` …): its wording and its checks. */
export interface SetupDoctor {
  /** The platform's variables are read as if CREDIT_CHANNEL named it, whatever it says. */
  channel: Config['channel'];
  /** The variables or org.yaml could not be read: why, as a failed check. */
  envFailed(reason: string): string;
  rosterFailed(reason: string): string;
  /** The lines once the variables are read: the title, what was read. */
  intro(config: Config): string[];
  /** Runs the platform's checks, printing a line each; resolves with how many failed. */
  check(config: Config, roster: Roster, print: (line: string) => void): Promise<number>;
  /** The last line: all passed, or how many failed. */
  summary(failures: number): string;
}

/**
 * Runs a doctor as a command-line tool: reads the variables and org.yaml (a StartupError, which
 * names the variable or the file's line, is a failed check), runs the checks, prints the summary,
 * and exits 0 when everything passed, 1 otherwise.
 */
export function runSetupDoctor(doctor: SetupDoctor): void {
  diagnose(doctor, (line) => process.stdout.write(`${line}\n`)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
      process.exit(1);
    },
  );
}

async function diagnose(doctor: SetupDoctor, print: (line: string) => void): Promise<number> {
  const config = readOrFail(() => loadConfig({ ...process.env, CREDIT_CHANNEL: doctor.channel }), doctor.envFailed, doctor, print);
  if (!config) return 1;
  for (const line of doctor.intro(config)) print(line);
  const roster = readOrFail(() => loadRoster(config.orgFile), doctor.rosterFailed, doctor, print);
  if (!roster) return 1;
  const failures = await doctor.check(config, roster, print);
  print(doctor.summary(failures));
  return failures === 0 ? 0 : 1;
}

function readOrFail<T>(read: () => T, failed: (reason: string) => string, doctor: SetupDoctor, print: (line: string) => void): T | undefined {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof StartupError)) throw error;
    print(failed(error.message));
    print(doctor.summary(1));
    return undefined;
  }
}

import { checkLarkSetup } from '../channels/lark/setup-check';
import { loadConfig } from '../config';
import { loadRoster } from '../org/roster';
import { t } from '../prompts';
import { StartupError } from '../startup-error';

/**
 * `npm run lark:check`: checks the Feishu app the bot would run as — the LARK_* variables (read
 * whatever CREDIT_CHANNEL says), the credentials, the bot, the groups and the people of org.yaml —
 * and prints a line per check with what to fix. Exit code 0 when everything passes, 1 otherwise.
 */
async function main(): Promise<number> {
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const config = failedAs((reason) => t('lark_check.env_failed', { reason }), () => loadConfig({ ...process.env, CREDIT_CHANNEL: 'lark' }), print);
  if (!config) return 1;
  // loadConfig refuses CREDIT_CHANNEL=lark without the credentials, so they are here.
  const lark = config.lark!;
  print(t('lark_check.title', { appId: lark.appId, domain: lark.domain }));
  print(t('lark_check.env_ok', { appId: lark.appId }));
  const roster = failedAs((reason) => t('lark_check.roster_failed', { reason }), () => loadRoster(config.orgFile), print);
  if (!roster) return 1;
  const failures = await checkLarkSetup({ ...lark, roster, print });
  print(failures === 0 ? t('lark_check.all_passed') : t('lark_check.some_failed', { count: failures }));
  return failures === 0 ? 0 : 1;
}

/** `load()`'s result, or undefined after printing its StartupError (which names the variable or the file's line) as a failed check. */
function failedAs<T>(failed: (reason: string) => string, load: () => T, print: (line: string) => void): T | undefined {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof StartupError)) throw error;
    print(failed(error.message));
    print(t('lark_check.some_failed', { count: 1 }));
    return undefined;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
    process.exit(1);
  },
);

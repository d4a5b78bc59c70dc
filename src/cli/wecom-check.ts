import { checkWecomSetup } from '../channels/wecom/setup-check';
import { loadConfig } from '../config';
import { loadRoster } from '../org/roster';
import { t } from '../prompts';
import { StartupError } from '../startup-error';

/**
 * `npm run wecom:check`: checks the WeCom robot the bot would run as — the WECOM_* variables (read
 * whatever CREDIT_CHANNEL says), the long connection and its authentication, and the groups and
 * people of org.yaml — printing a line per check with what to fix. Exit code 0 when everything
 * passes, 1 otherwise.
 */
async function main(): Promise<number> {
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const config = failedAs((reason) => t('wecom_check.env_failed', { reason }), () => loadConfig({ ...process.env, CREDIT_CHANNEL: 'wecom' }), print);
  if (!config) return 1;
  // loadConfig refuses CREDIT_CHANNEL=wecom without the id and secret, so they are here.
  const wecom = config.wecom!;
  print(t('wecom_check.title', { botId: wecom.botId, url: wecom.wsUrl }));
  print(t('wecom_check.env_ok', { botId: wecom.botId, url: wecom.wsUrl }));
  const roster = failedAs((reason) => t('wecom_check.roster_failed', { reason }), () => loadRoster(config.orgFile), print);
  if (!roster) return 1;
  const failures = await checkWecomSetup({ ...wecom, roster, print });
  print(failures === 0 ? t('wecom_check.all_passed') : t('wecom_check.some_failed', { count: failures }));
  return failures === 0 ? 0 : 1;
}

/** `load()`'s result, or undefined after printing its StartupError (which names the variable or the file's line) as a failed check. */
function failedAs<T>(failed: (reason: string) => string, load: () => T, print: (line: string) => void): T | undefined {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof StartupError)) throw error;
    print(failed(error.message));
    print(t('wecom_check.some_failed', { count: 1 }));
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

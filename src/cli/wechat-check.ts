import path from 'node:path';
import { checkWechatSetup } from '../channels/wechat/setup-check';
import { loadConfig } from '../config';
import { loadRoster } from '../org/roster';
import { t } from '../prompts';
import { StartupError } from '../startup-error';

/** Three minutes to find the phone and scan; a minute for the account's contacts and groups to load. */
const LOGIN_TIMEOUT_MS = 180_000;
const READY_TIMEOUT_MS = 60_000;

/**
 * `npm run wechat:check`: checks the WeChat account the bot would run as — the WECHATY_* variables
 * (read whatever CREDIT_CHANNEL says), the puppet, the login, the groups and the people of
 * org.yaml — and prints a line per check with what to fix. Exit code 0 when everything passes.
 */
async function main(): Promise<number> {
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const config = failedAs((reason) => t('wechat_check.env_failed', { reason }), () => loadConfig({ ...process.env, CREDIT_CHANNEL: 'wechat' }), print);
  if (!config) return 1;
  const wechat = config.wechat!;
  print(t('wechat_check.title', { puppet: wechat.puppet }));
  const roster = failedAs((reason) => t('wechat_check.roster_failed', { reason }), () => loadRoster(config.orgFile), print);
  if (!roster) return 1;
  const failures = await checkWechatSetup({
    puppet: wechat.puppet,
    ...(wechat.puppetToken ? { puppetToken: wechat.puppetToken } : {}),
    // The bot's own session: once logged in here, `npm start` need not scan again.
    sessionName: path.join(config.dataDir, 'wechaty'),
    roster,
    loginTimeoutMs: LOGIN_TIMEOUT_MS,
    readyTimeoutMs: READY_TIMEOUT_MS,
    print,
  });
  print(failures === 0 ? t('wechat_check.all_passed') : t('wechat_check.some_failed', { count: failures }));
  return failures === 0 ? 0 : 1;
}

/** `load()`'s result, or undefined after printing its StartupError as a failed check. */
function failedAs<T>(failed: (reason: string) => string, load: () => T, print: (line: string) => void): T | undefined {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof StartupError)) throw error;
    print(failed(error.message));
    print(t('wechat_check.some_failed', { count: 1 }));
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

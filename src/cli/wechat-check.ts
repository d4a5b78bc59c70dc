import path from 'node:path';
import { checkWechatSetup } from '../channels/wechat/setup-check';
import { t } from '../prompts';
import { runSetupDoctor } from './setup-doctor';

/** Three minutes to find the phone and scan; a minute for the account's contacts and groups to load. */
const LOGIN_TIMEOUT_MS = 180_000;
const READY_TIMEOUT_MS = 60_000;

/**
 * `npm run wechat:check`: checks the WeChat account the bot would run as — the WECHATY_* variables
 * (read whatever CREDIT_CHANNEL says), the puppet, the login, the groups and the people of
 * org.yaml — and prints a line per check with what to fix. Exit code 0 when everything passes.
 */
runSetupDoctor({
  channel: 'wechat',
  envFailed: (reason) => t('wechat_check.env_failed', { reason }),
  rosterFailed: (reason) => t('wechat_check.roster_failed', { reason }),
  intro: (config) => [t('wechat_check.title', { puppet: config.wechat!.puppet })],
  check: (config, roster, print) =>
    checkWechatSetup({
      puppet: config.wechat!.puppet,
      ...(config.wechat!.puppetToken ? { puppetToken: config.wechat!.puppetToken } : {}),
      // The bot's own session: once logged in here, `npm start` need not scan again.
      sessionName: path.join(config.dataDir, 'wechaty'),
      roster,
      loginTimeoutMs: LOGIN_TIMEOUT_MS,
      readyTimeoutMs: READY_TIMEOUT_MS,
      print,
    }),
  summary: (failures) => (failures === 0 ? t('wechat_check.all_passed') : t('wechat_check.some_failed', { count: failures })),
});

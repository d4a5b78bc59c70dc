import { checkLarkSetup } from '../channels/lark/setup-check';
import { t } from '../prompts';
import { runSetupDoctor } from './setup-doctor';

/**
 * `npm run lark:check`: checks the Feishu app the bot would run as — the LARK_* variables (read
 * whatever CREDIT_CHANNEL says), the credentials, the bot, the groups and the people of org.yaml —
 * and prints a line per check with what to fix. Exit code 0 when everything passes, 1 otherwise.
 */
runSetupDoctor({
  channel: 'lark',
  envFailed: (reason) => t('lark_check.env_failed', { reason }),
  rosterFailed: (reason) => t('lark_check.roster_failed', { reason }),
  // loadConfig refuses CREDIT_CHANNEL=lark without the credentials, so they are here.
  intro: (config) => [t('lark_check.title', { appId: config.lark!.appId, domain: config.lark!.domain }), t('lark_check.env_ok', { appId: config.lark!.appId })],
  check: (config, roster, print) => checkLarkSetup({ ...config.lark!, roster, print }),
  summary: (failures) => (failures === 0 ? t('lark_check.all_passed') : t('lark_check.some_failed', { count: failures })),
});

import { checkWecomSetup } from '../channels/wecom/setup-check';
import { t } from '../prompts';
import { runSetupDoctor } from './setup-doctor';

/**
 * `npm run wecom:check`: checks the WeCom robot the bot would run as — the WECOM_* variables (read
 * whatever CREDIT_CHANNEL says), the long connection and its authentication, and the groups and
 * people of org.yaml — printing a line per check with what to fix. Exit code 0 when everything
 * passes, 1 otherwise.
 */
runSetupDoctor({
  channel: 'wecom',
  envFailed: (reason) => t('wecom_check.env_failed', { reason }),
  rosterFailed: (reason) => t('wecom_check.roster_failed', { reason }),
  // loadConfig refuses CREDIT_CHANNEL=wecom without the id and secret, so they are here.
  intro: (config) => [t('wecom_check.title', { botId: config.wecom!.botId, url: config.wecom!.wsUrl }), t('wecom_check.env_ok', { botId: config.wecom!.botId, url: config.wecom!.wsUrl })],
  check: (config, roster, print) => checkWecomSetup({ ...config.wecom!, roster, print }),
  summary: (failures) => (failures === 0 ? t('wecom_check.all_passed') : t('wecom_check.some_failed', { count: failures })),
});

import { describe, expect, it } from 'vitest';
import { t } from '../../src/prompts';
import { runNpmScript } from '../helpers/run-cli';

describe('npm run wechat:check', () => {
  it('a puppet that is not installed: the line saying what to change, and exit code 1', async () => {
    const result = await runNpmScript('wechat:check', [], { env: { WECHATY_PUPPET: 'wechaty-puppet-typo', CREDIT_CHANNEL: '' } });

    expect(result.stdout.trim().split('\n')).toEqual([
      t('wechat_check.title', { puppet: 'wechaty-puppet-typo' }),
      t('wechat_check.puppet_not_installed', { puppet: 'wechaty-puppet-typo' }),
      t('wechat_check.skipped'),
      t('wechat_check.some_failed', { count: 1 }),
    ]);
    expect(result.code).toBe(1);
  }, 30_000);
});

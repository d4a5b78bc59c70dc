import { describe, expect, it, vi } from 'vitest';
import { freshAppId, startFakeFeishu } from './helpers/fake-feishu';
import { closedAfterEach } from './helpers/harness-registry';
import { keyedTextMessage } from './helpers/feishu-events';
import { spawnBot } from './helpers/spawn-bot';
import { t } from '../src/prompts';

const APP_SECRET = 'main-test-secret-5f1e2d3c';
/** A fake Feishu for the test, closed after it. */
const feishu = closedAfterEach(startFakeFeishu);

describe('npm start with CREDIT_CHANNEL=lark', () => {
  it('connects, answers an @-question in the group, and stops cleanly on SIGTERM', async () => {
    const fake = await feishu({ appId: freshAppId(), appSecret: APP_SECRET });
    const bot = spawnBot({ CREDIT_CHANNEL: 'lark', LARK_APP_ID: fake.appId, LARK_APP_SECRET: APP_SECRET, LARK_DOMAIN: fake.domain });

    await vi.waitFor(() => expect(bot.stderr()).toContain('lark: long connection ready'), { timeout: 20_000, interval: 100 });
    const message = keyedTextMessage({ from: 'ou_wang_fang', chatId: 'oc_sample_credit_group', chatType: 'group', text: '@_user_1 帮助', mentions: [{ key: '@_user_1', openId: fake.botOpenId, name: '信用助手' }] });
    message.message.create_time = String(Date.now());
    await fake.pushEvent('im.message.receive_v1', message);
    await vi.waitFor(() => expect(fake.sent.length).toBeGreaterThan(0), { timeout: 10_000, interval: 50 });
    bot.child.kill('SIGTERM');

    expect(await bot.exited).toBe(0);
    expect(fake.sent[0]).toMatchObject({ receiveIdType: 'chat_id', receiveId: 'oc_sample_credit_group', msgType: 'interactive' });
    expect(bot.stderr()).toContain('bot stopped');
    expect(bot.stderr()).not.toContain(APP_SECRET);
  }, 30_000);

  it('refused credentials stop it with one line saying what to check, never the secret', async () => {
    const fake = await feishu({ appId: freshAppId(), appSecret: APP_SECRET });
    const bot = spawnBot({ CREDIT_CHANNEL: 'lark', LARK_APP_ID: fake.appId, LARK_APP_SECRET: 'typed-it-wrong-0000', LARK_DOMAIN: fake.domain });

    expect(await bot.exited).toBe(1);
    expect(bot.stderr()).toMatch(/无法连接飞书开放平台.*请检查 LARK_APP_ID、LARK_APP_SECRET/);
    expect(bot.stderr()).not.toContain('typed-it-wrong-0000');
  }, 30_000);
});

describe('npm start with CREDIT_CHANNEL=wechat', () => {
  it('loads the puppet WECHATY_PUPPET names, waits for the login, and stops cleanly on SIGTERM', async () => {
    const bot = spawnBot({ CREDIT_CHANNEL: 'wechat', WECHATY_PUPPET: 'wechaty-puppet-mock' });

    await vi.waitFor(() => expect(bot.stderr()).toContain('bot started'), { timeout: 20_000, interval: 100 });
    bot.child.kill('SIGTERM');

    expect(await bot.exited).toBe(0);
    expect(bot.stderr()).toContain('bot stopped');
  }, 30_000);

  it('a puppet-service without its token stops it with one line saying what to set', async () => {
    const bot = spawnBot({ CREDIT_CHANNEL: 'wechat', WECHATY_PUPPET: 'wechaty-puppet-service' });

    expect(await bot.exited).toBe(1);
    expect(bot.stderr().trim().split('\n').at(-1)).toBe(t('wechat.puppet_token_missing', { puppet: 'wechaty-puppet-service' }));
  }, 30_000);
});

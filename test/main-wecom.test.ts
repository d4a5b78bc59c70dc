import { describe, expect, it, vi } from 'vitest';
import { startFakeWecom } from './helpers/fake-wecom';
import { closedAfterEach } from './helpers/harness-registry';
import { spawnBot } from './helpers/spawn-bot';

const SECRET = 'main-wecom-secret-7a6b5c4d';
/** A fake WeCom for the test, closed after it. */
const wecom = closedAfterEach(startFakeWecom);

describe('npm start with CREDIT_CHANNEL=wecom', () => {
  it('connects, answers an @-question in the group, and stops cleanly on SIGTERM', async () => {
    const fake = await wecom({ botId: 'aib_main', secret: SECRET });
    const bot = spawnBot({ CREDIT_CHANNEL: 'wecom', WECOM_BOT_ID: 'aib_main', WECOM_BOT_SECRET: SECRET, WECOM_WS_URL: fake.wsUrl });

    await vi.waitFor(() => expect(bot.stderr()).toContain('wecom: long connection ready'), { timeout: 20_000, interval: 100 });
    await fake.pushMessage({ msgid: 'msg_main_1', aibotid: 'aib_main', chattype: 'group', chatid: 'wrkSampleCreditGroup', from: { userid: 'WangFang' }, create_time: Math.floor(Date.now() / 1000), msgtype: 'text', text: { content: '@信用助手 帮助' } });
    await vi.waitFor(() => expect(fake.sent.length).toBeGreaterThan(0), { timeout: 10_000, interval: 50 });
    bot.child.kill('SIGTERM');

    expect(await bot.exited).toBe(0);
    expect(fake.sent[0]).toMatchObject({ cmd: 'aibot_send_msg', chatid: 'wrkSampleCreditGroup' });
    expect(bot.stderr()).toContain('bot stopped');
    expect(bot.stderr()).not.toContain(SECRET);
  }, 30_000);

  it('a refused secret stops it with one line naming WECOM_BOT_ID and WECOM_BOT_SECRET, never the secret', async () => {
    const fake = await wecom({ botId: 'aib_main', secret: SECRET });
    const bot = spawnBot({ CREDIT_CHANNEL: 'wecom', WECOM_BOT_ID: 'aib_main', WECOM_BOT_SECRET: 'typed-it-wrong-0000', WECOM_WS_URL: fake.wsUrl });

    expect(await bot.exited).toBe(1);
    // Logs are JSON lines on stderr; the operator's line is the last, on its own.
    expect(bot.stderr().trim().split('\n').at(-1)).toMatch(/^企业微信拒绝了机器人的凭证（.*）。请检查 WECOM_BOT_ID、WECOM_BOT_SECRET /);
    expect(bot.stderr()).not.toContain('typed-it-wrong-0000');
  }, 30_000);
});

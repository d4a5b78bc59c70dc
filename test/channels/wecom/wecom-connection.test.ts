import { describe, expect, it } from 'vitest';
import { WecomChannel } from '../../../src/channels/wecom/wecom-channel';
import { loadRoster } from '../../../src/org/roster';
import { StartupError } from '../../../src/startup-error';
import { startFakeWecom } from '../../helpers/fake-wecom';
import { closedAfterEach } from '../../helpers/harness-registry';
import { captureLog } from '../../helpers/silent-logger';
import { wecomBots } from '../../helpers/wecom-harness';

const roster = loadRoster('data/org.yaml');
const SECRET = 'the-right-secret-0123456789';
const bot = wecomBots();
/** A fake WeCom for the test, closed after it. */
const wecom = closedAfterEach(startFakeWecom);

describe('WeCom: starting', () => {
  it('a secret WeCom refuses ends the start with one Chinese line naming WECOM_BOT_ID and WECOM_BOT_SECRET, and the secret is never logged', async () => {
    const fake = await wecom({ botId: 'aib_refuse', secret: SECRET });
    const captured = captureLog(['a-wrong-secret-987654321']);
    const channel = new WecomChannel({ botId: 'aib_refuse', secret: 'a-wrong-secret-987654321', wsUrl: fake.wsUrl, roster, log: captured.log, reconnectIntervalMs: 10 });

    const started = channel.start(async () => {});

    await expect(started).rejects.toThrow(StartupError);
    const message = await started.catch((error: Error) => error.message);
    expect(message).toMatch(/^企业微信拒绝了机器人的凭证（Authentication failed: invalid secret \(code: 40001\)）。请检查 WECOM_BOT_ID、WECOM_BOT_SECRET/);
    expect(message).not.toContain('\n');
    // Tried once, not five times with back-off: wrong credentials do not fix themselves.
    expect(fake.subscriptions).toEqual([{ botId: 'aib_refuse', accepted: false }]);
    expect(captured.text()).not.toContain('a-wrong-secret-987654321');
  });

  it('an address nothing listens on ends the start naming the address and WECOM_WS_URL', async () => {
    const channel = new WecomChannel({ botId: 'aib_x', secret: SECRET, wsUrl: 'ws://127.0.0.1:9', roster, log: captureLog().log, reconnectIntervalMs: 10 });

    const message = await channel.start(async () => {}).catch((error: Error) => error.message);

    expect(message).toMatch(/^无法连接企业微信长连接地址 ws:\/\/127\.0\.0\.1:9（.*WECOM_WS_URL/);
  });
});

describe('WeCom: the long connection', () => {
  it('logs ready, then reconnecting and reconnected when the connection drops, and answers afterwards', async () => {
    const h = await bot({ start: new Date('2026-11-24T02:00:00Z') });

    h.fake.dropConnections();
    await expect.poll(() => h.fake.subscriptions.length).toBe(2);

    expect((await h.dm('王芳', '我是谁')).length).toBe(1);
    const said = h.channelLog.lines().map((l) => l['msg']);
    expect(said).toEqual(expect.arrayContaining(['wecom: long connection ready (authenticated)', 'wecom: long connection lost, reconnecting', 'wecom: long connection reconnected']));
    expect(h.channelLog.text()).not.toContain('wecom-e2e-secret');
  });

  it('a second copy of the bot with the same robot takes the connection over: the first logs it and stops', async () => {
    const first = await bot({ start: new Date('2026-11-24T02:00:00Z') });
    await bot({ start: new Date('2026-11-24T02:00:00Z'), fake: first.fake });

    await first.stop();

    expect(first.channelLog.lines().map((l) => l['msg'])).toContain('wecom: another connection with this bot id took over (is a second copy of the bot running?); this one stops');
  });
});

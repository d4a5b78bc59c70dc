import { afterEach, describe, expect, it } from 'vitest';
import { LarkChannel } from '../../../src/channels/lark/lark-channel';
import type { Incoming } from '../../../src/model/message';
import { loadRoster } from '../../../src/org/roster';
import { freshAppId, startFakeFeishu, type FakeFeishu } from '../../helpers/fake-feishu';
import { captureLog } from '../../helpers/silent-logger';

const roster = loadRoster('data/org.yaml');
const appSecret = 'long-connection-secret-77';
let fake: FakeFeishu | undefined;
const channels: LarkChannel[] = [];
const running: Array<Promise<unknown>> = [];
afterEach(async () => {
  await Promise.all(channels.map((c) => c.stop()));
  await Promise.allSettled(running);
  await fake?.close();
  channels.length = 0;
  running.length = 0;
  fake = undefined;
});

async function startChannel(appId: string, received: Incoming[]): Promise<LarkChannel> {
  const channel = new LarkChannel({ appId, appSecret, domain: fake!.domain, roster, log: captureLog().log });
  channels.push(channel);
  running.push(channel.start(async (event) => void received.push(event)));
  await channel.connected;
  return channel;
}

describe('Lark long connection', () => {
  it('a second channel of the same app closes the first connection: every event goes to the new one', async () => {
    const appId = freshAppId();
    fake = await startFakeFeishu({ appId, appSecret });
    const toOld: Incoming[] = [];
    const toNew: Incoming[] = [];
    await startChannel(appId, toOld);

    await startChannel(appId, toNew);
    // The old socket's close reaches the fake a moment after the new one is open.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const ack = await fake.pushEvent('im.message.receive_v1', {
      sender: { sender_id: { open_id: 'ou_wang_fang' }, sender_type: 'user', tenant_key: 'fake-tenant' },
      message: { message_id: 'om_after_restart', chat_id: 'oc_p2p_wang', chat_type: 'p2p', message_type: 'text', content: JSON.stringify({ text: '进度' }), create_time: '1795500000000', mentions: [] },
    });

    expect(ack.code).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(toNew.map((e) => e.messageId)).toEqual(['om_after_restart']);
    expect(toOld).toEqual([]);
  });

  it('logs when the connection is ready', async () => {
    const appId = freshAppId();
    fake = await startFakeFeishu({ appId, appSecret });
    const captured = captureLog();
    const channel = new LarkChannel({ appId, appSecret, domain: fake.domain, roster, log: captured.log });
    channels.push(channel);
    running.push(channel.start(async () => {}));

    await channel.connected;

    expect(captured.lines().map((l) => l['msg'])).toContain('lark: long connection ready');
    expect(captured.text()).not.toContain(appSecret);
  });
});

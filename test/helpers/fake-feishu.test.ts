import * as lark from '@larksuiteoapi/node-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { freshAppId, startFakeFeishu, type FakeFeishu } from './fake-feishu.js';

const appSecret = 'fake-secret-0123456789';
const errors: unknown[][] = [];
/** Keeps the SDK's own console chatter out of the test output, but keeps its errors to assert on. */
const quietLogger = { error: (...m: unknown[]) => void errors.push(m), warn: () => {}, info: () => {}, debug: () => {}, trace: () => {} };

let fake: FakeFeishu | undefined;
let wsClient: lark.WSClient | undefined;
afterEach(async () => {
  wsClient?.close({ force: true });
  wsClient = undefined;
  await fake?.close();
  fake = undefined;
  errors.length = 0;
});

describe('the real Lark SDK against the fake Feishu', () => {
  it('sends a message with a tenant token the fake issued, and the fake records it', async () => {
    const appId = freshAppId();
    fake = await startFakeFeishu({ appId, appSecret });
    const client = new lark.Client({ appId, appSecret, domain: fake.domain, logger: quietLogger });

    const response = await client.im.v1.message.create({
      params: { receive_id_type: 'chat_id' },
      data: { receive_id: 'oc_group1', msg_type: 'text', content: JSON.stringify({ text: '本月填报已开始' }), uuid: 'reminder-2026-11' },
    });

    expect(response.code).toBe(0);
    expect(response.data?.message_id).toBe('om_fake1');
    expect(fake.sent).toEqual([
      { messageId: 'om_fake1', receiveIdType: 'chat_id', receiveId: 'oc_group1', msgType: 'text', content: { text: '本月填报已开始' }, uuid: 'reminder-2026-11', authorization: `Bearer t-fake-${appId}` },
    ]);
  });

  it('refuses a wrong app secret at the token call, so nothing is sent', async () => {
    const appId = freshAppId();
    fake = await startFakeFeishu({ appId, appSecret });
    const client = new lark.Client({ appId, appSecret: 'wrong-secret', domain: fake.domain, logger: quietLogger });

    await expect(
      client.im.v1.message.create({ params: { receive_id_type: 'chat_id' }, data: { receive_id: 'oc_group1', msg_type: 'text', content: '{"text":"x"}' } }),
    ).rejects.toThrow(/tenant_access_token/);
    expect(fake.sent).toEqual([]);
  });

  it("tells the bot its own open_id (bot/v3/info answers with `bot`, not `data`)", async () => {
    const appId = freshAppId();
    fake = await startFakeFeishu({ appId, appSecret });
    const client = new lark.Client({ appId, appSecret, domain: fake.domain, logger: quietLogger });

    const info = await client.request<{ code: number; bot: { open_id: string } }>({ method: 'GET', url: '/open-apis/bot/v3/info' });

    expect(info.code).toBe(0);
    expect(info.bot.open_id).toBe(fake.botOpenId);
  });

  it('delivers a message event over the long connection, split in two frames, and reads the ack', async () => {
    const appId = freshAppId();
    fake = await startFakeFeishu({ appId, appSecret });
    const received: Array<{ event_type?: string; message: { message_id: string; content: string } }> = [];
    const ready = new Promise<void>((resolve) => {
      wsClient = new lark.WSClient({ appId, appSecret, domain: fake!.domain, logger: quietLogger, onReady: resolve });
    });
    void wsClient!.start({
      eventDispatcher: new lark.EventDispatcher({ logger: quietLogger }).register({
        'im.message.receive_v1': async (data) => {
          received.push(data);
        },
      }),
    });
    await ready;

    const ack = await fake.pushEvent(
      'im.message.receive_v1',
      {
        sender: { sender_id: { open_id: 'ou_wangfang' }, sender_type: 'user', tenant_key: 'fake-tenant' },
        message: { message_id: 'om_in1', chat_id: 'oc_group1', chat_type: 'group', message_type: 'text', content: JSON.stringify({ text: '@_user_1 双公示怎么填？' }), create_time: String(Date.now()) },
      },
      { fragments: 2 },
    );

    expect(received).toHaveLength(1);
    expect(received[0]?.event_type).toBe('im.message.receive_v1');
    expect(JSON.parse(received[0]!.message.content)).toEqual({ text: '@_user_1 双公示怎么填？' });
    expect(ack.code).toBe(200);
    expect(ack.headers['biz_rt']).toBeDefined();
    // The SDK pings as soon as the socket opens; the fake answered with a pong.
    expect(fake.pings).toBeGreaterThanOrEqual(1);
    expect(errors).toEqual([]);
  });

  it('acks 500 when the handler throws, so a slow or failing handler is visible to Feishu', async () => {
    const appId = freshAppId();
    fake = await startFakeFeishu({ appId, appSecret });
    const ready = new Promise<void>((resolve) => {
      wsClient = new lark.WSClient({ appId, appSecret, domain: fake!.domain, logger: quietLogger, onReady: resolve });
    });
    void wsClient!.start({
      eventDispatcher: new lark.EventDispatcher({ logger: quietLogger }).register({
        'im.message.receive_v1': async () => {
          throw new Error('handler failed');
        },
      }),
    });
    await ready;

    const ack = await fake.pushEvent('im.message.receive_v1', { message: { message_id: 'om_in2' } });

    expect(ack.code).toBe(500);
  });

  it('gives up with onError instead of retrying forever when the endpoint refuses the credentials', async () => {
    const appId = freshAppId();
    fake = await startFakeFeishu({ appId, appSecret });
    const failure = new Promise<Error>((resolve) => {
      wsClient = new lark.WSClient({ appId, appSecret: 'wrong-secret', domain: fake!.domain, logger: quietLogger, onError: resolve });
    });
    void wsClient!.start({ eventDispatcher: new lark.EventDispatcher({ logger: quietLogger }) });

    expect((await failure).message).toMatch(/code=514/);
  });
});

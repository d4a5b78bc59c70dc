import * as lark from '@larksuiteoapi/node-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { LarkChannel } from '../../../src/channels/lark/lark-channel';
import type { Incoming } from '../../../src/model/message';
import { loadRoster } from '../../../src/org/roster';
import { freshAppId, startFakeFeishu, type FakeFeishu } from '../../helpers/fake-feishu';
import { encryptForFeishu, feishuWebhook, signForFeishu, type FeishuWebhook } from '../../helpers/fake-feishu-webhook';
import { keyedTextMessage } from '../../helpers/feishu-events';
import { captureLog, type CapturedLog } from '../../helpers/silent-logger';

const roster = loadRoster('data/org.yaml');
const appSecret = 'webhook-app-secret-4711';
const encryptKey = 'webhook-encrypt-key-0815';
const verificationToken = 'webhook-verification-token-2342';
const path = '/lark/events';
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

interface Started {
  channel: LarkChannel;
  feishu: FeishuWebhook;
  events: Incoming[];
  next(): Promise<Incoming>;
  captured: CapturedLog;
}

/** The real channel in webhook mode on an ephemeral port, its API calls going to a fresh fake Feishu. */
async function startWebhookChannel(options: { handle?: (event: Incoming) => Promise<void> } = {}): Promise<Started> {
  const appId = freshAppId();
  fake = await startFakeFeishu({ appId, appSecret });
  // No secrets handed to the logger: a secret that reached a line would show, not be blotted out.
  const captured = captureLog();
  const channel = new LarkChannel({ appId, appSecret, domain: fake.domain, mode: 'webhook', webhook: { port: 0, path, encryptKey, verificationToken }, roster, log: captured.log });
  channels.push(channel);
  const events: Incoming[] = [];
  let waiting: ((event: Incoming) => void) | undefined;
  running.push(
    channel.start(async (event) => {
      events.push(event);
      waiting?.(event);
      await options.handle?.(event);
    }),
  );
  await channel.connected;
  const feishu = feishuWebhook({ url: `http://127.0.0.1:${channel.webhookPort}${path}`, appId, encryptKey, verificationToken });
  const next = () => new Promise<Incoming>((resolve) => (waiting = resolve));
  return { channel, feishu, events, next, captured };
}

const wangAsksInGroup = (messageId = 'om_hook1') =>
  keyedTextMessage({ from: 'ou_wang_fang', chatId: 'oc_sample_credit_group', chatType: 'group', text: '@_user_1 双公示怎么填？', messageId, mentions: [{ key: '@_user_1', openId: 'ou_fakebot0000000000000000000000', name: '信用助手' }] });

/** Lets a post that slipped through reach the handler before the test looks. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('Lark webhook mode: setting the request URL in the console', () => {
  it('the encrypted url_verification challenge is answered with the challenge, and handed to nobody', async () => {
    const { feishu, events } = await startWebhookChannel();

    const reply = await feishu.challenge('ajls384kdjx98XX');

    expect(reply).toEqual({ status: 200, body: { challenge: 'ajls384kdjx98XX' } });
    expect(events).toEqual([]);
  });

  it('a challenge with another Verification Token, or not encrypted with the Encrypt Key, is refused', async () => {
    const { feishu } = await startWebhookChannel();

    expect(await feishu.challenge('c1', { token: 'someone-elses-token' })).toEqual({ status: 401, body: { msg: 'refused' } });
    expect(await feishu.challenge('c2', { encrypted: false })).toEqual({ status: 401, body: { msg: 'refused' } });
  });

  it('logs where it listens, and never the Encrypt Key, the Verification Token or the app secret', async () => {
    const { channel, feishu, captured, next } = await startWebhookChannel();
    const received = next();
    await feishu.challenge('c3');
    await feishu.postEvent('im.message.receive_v1', wangAsksInGroup());
    await received;
    await feishu.postEvent('im.message.receive_v1', wangAsksInGroup('om_forged'), { signature: 'forged' });
    await feishu.challenge('c4', { token: 'someone-elses-token' });

    expect(captured.lines()).toContainEqual(expect.objectContaining({ msg: `lark: webhook listening on :${channel.webhookPort}${path}`, port: channel.webhookPort, path }));
    for (const secret of [encryptKey, verificationToken, appSecret]) expect(captured.text()).not.toContain(secret);
  });
});

describe('Lark webhook mode: events posted by Feishu', () => {
  it('王芳 @-asks the bot in the group: the signed, encrypted event reaches the core as over the long connection', async () => {
    const { feishu, next } = await startWebhookChannel();
    const received = next();

    const reply = await feishu.postEvent('im.message.receive_v1', wangAsksInGroup());

    expect(reply.status).toBe(200);
    expect(await received).toEqual({
      kind: 'message',
      channel: 'lark',
      chatId: 'oc_sample_credit_group',
      chatType: 'group',
      groupId: 'main',
      senderId: 'ou_wang_fang',
      personId: 'wang-fang',
      senderName: '王芳',
      messageId: 'om_hook1',
      time: new Date(1795500000000),
      text: '双公示怎么填？',
      mentionsBot: true,
      mentions: [],
    });
  });

  it('a post with a forged signature, or none, or in plain JSON, is refused and never handled', async () => {
    const { feishu, events, next } = await startWebhookChannel();

    expect(await feishu.postEvent('im.message.receive_v1', wangAsksInGroup('om_forged'), { signature: 'forged' })).toEqual({ status: 401, body: { msg: 'refused' } });
    expect(await feishu.postEvent('im.message.receive_v1', wangAsksInGroup('om_unsigned'), { signature: 'none' })).toEqual({ status: 401, body: { msg: 'refused' } });
    expect(await feishu.postEvent('im.message.receive_v1', wangAsksInGroup('om_plain'), { encrypted: false, signature: 'none' })).toEqual({ status: 401, body: { msg: 'refused' } });
    // Signed correctly but carrying another app's Verification Token: not this app's event.
    expect(await feishu.postEvent('im.message.receive_v1', wangAsksInGroup('om_token'), { token: 'someone-elses-token' })).toEqual({ status: 401, body: { msg: 'refused' } });
    await settle();
    expect(events).toEqual([]);

    // The channel still takes the real one.
    const received = next();
    expect((await feishu.postEvent('im.message.receive_v1', wangAsksInGroup('om_real'))).status).toBe(200);
    expect((await received).messageId).toBe('om_real');
  });

  it('a signed body whose encrypt field is garbage is refused, and the server keeps running', async () => {
    const { feishu, events } = await startWebhookChannel();
    const body = JSON.stringify({ encrypt: Buffer.alloc(48, 7).toString('base64') });
    const timestamp = '1795500000';
    const nonce = 'n0nce';

    const reply = await feishu.request({ body, headers: { 'X-Lark-Request-Timestamp': timestamp, 'X-Lark-Request-Nonce': nonce, 'X-Lark-Signature': signForFeishu(timestamp, nonce, encryptKey, body) } });

    expect(reply.status).toBe(401);
    expect((await feishu.challenge('still-here')).body).toEqual({ challenge: 'still-here' });
    expect(events).toEqual([]);
  });

  it('answers at once while the core is still busy with the message (Feishu retries after 3 s)', async () => {
    let release!: () => void;
    const busy = new Promise<void>((resolve) => (release = resolve));
    const handled: string[] = [];
    const { feishu } = await startWebhookChannel({
      handle: async (event) => {
        await busy;
        handled.push(event.messageId);
      },
    });

    const started = Date.now();
    const reply = await feishu.postEvent('im.message.receive_v1', wangAsksInGroup());

    expect(reply.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(handled).toEqual([]);
    release();
  });
});

describe('Lark webhook mode: what Feishu never sends', () => {
  it('a GET, or a post to another path, is 404', async () => {
    const { feishu } = await startWebhookChannel();

    expect((await feishu.request({ method: 'GET' })).status).toBe(404);
    expect((await feishu.request({ path: '/admin', body: '{}' })).status).toBe(404);
  });

  it('a body over 1 MB is refused unread and never handled, whether its length is declared or not', async () => {
    const { feishu, events } = await startWebhookChannel();
    const body = JSON.stringify({ encrypt: 'A'.repeat(1024 * 1024 + 1) });

    expect(await feishu.request({ body })).toEqual({ status: 413, body: { msg: 'body too large' } });
    expect(await feishu.request({ body, chunked: true })).toEqual({ status: 413, body: { msg: 'body too large' } });
    expect(events).toEqual([]);
  });
});

describe('Lark webhook mode: the server itself', () => {
  it('stop() closes the port', async () => {
    const { channel, feishu } = await startWebhookChannel();

    await channel.stop();

    await expect(feishu.challenge('c5')).rejects.toThrow();
  });

  it('a port already taken stops start() naming the port and its variable', async () => {
    const first = await startWebhookChannel();
    const port = first.channel.webhookPort!;
    const appId = freshAppId();
    const fake2 = await startFakeFeishu({ appId, appSecret });
    try {
      const second = new LarkChannel({ appId, appSecret, domain: fake2.domain, mode: 'webhook', webhook: { port, path, encryptKey }, roster, log: captureLog().log });
      channels.push(second);

      await expect(second.start(async () => {})).rejects.toThrow(new RegExp(`lark webhook server on port ${port} \\(LARK_WEBHOOK_PORT\\) failed: .*EADDRINUSE`));
    } finally {
      await fake2.close();
    }
  });
});

describe('the fake Feishu webhook against the SDK', () => {
  it('encrypts and signs as the SDK expects: its own EventDispatcher decrypts and accepts the post', async () => {
    const dispatched: unknown[] = [];
    const dispatcher = new lark.EventDispatcher({ encryptKey, logger: { error() {}, warn() {}, info() {}, debug() {}, trace() {} } }).register({
      'im.message.receive_v1': (data: unknown) => void dispatched.push(data),
    });
    const plain = JSON.stringify({ schema: '2.0', header: { event_type: 'im.message.receive_v1', token: verificationToken }, event: wangAsksInGroup('om_sdk') });
    const body = JSON.stringify({ encrypt: encryptForFeishu(plain, encryptKey) });
    const headers = { 'x-lark-request-timestamp': '1795500000', 'x-lark-request-nonce': 'abc', 'x-lark-signature': signForFeishu('1795500000', 'abc', encryptKey, body) };

    // adaptDefault hands the dispatcher the parsed body with the headers on its prototype.
    await dispatcher.invoke(Object.assign(Object.create({ headers }), JSON.parse(body)));
    await dispatcher.invoke(Object.assign(Object.create({ headers: { ...headers, 'x-lark-request-nonce': 'other' } }), JSON.parse(body)));

    expect(dispatched).toEqual([expect.objectContaining({ event_type: 'im.message.receive_v1', message: expect.objectContaining({ message_id: 'om_sdk' }) })]);
  });
});

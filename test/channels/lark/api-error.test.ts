import * as lark from '@larksuiteoapi/node-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { larkCall } from '../../../src/channels/lark/api-error';
import { freshAppId, startFakeFeishu, type FakeFeishu } from '../../helpers/fake-feishu';

const appSecret = 'api-error-secret-0123';
const quiet = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {}, trace: () => {} };

let fake: FakeFeishu | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function listChats(prepare: (fake: FakeFeishu) => void | Promise<void>): Promise<unknown> {
  const appId = freshAppId();
  const started = await startFakeFeishu({ appId, appSecret });
  fake = started;
  await prepare(started);
  const client = new lark.Client({ appId, appSecret, domain: started.domain, logger: quiet });
  return larkCall('im.v1.chat.list', () => client.im.v1.chat.list({ params: { page_size: 20 } })).catch((e: unknown) => e);
}

describe("Feishu's refusals", () => {
  it('a missing scope named only in the message (99991679) still gives every scope listed', async () => {
    const failure = await listChats((f) =>
      f.directory.failRoute('GET /open-apis/im/v1/chats', { status: 400, code: 99991679, msg: 'Unauthorized. required one of these privileges: [im:chat, im:chat:readonly]' }),
    );

    expect(failure).toMatchObject({ api: 'im.v1.chat.list', code: 99991679, missingScopes: ['im:chat', 'im:chat:readonly'] });
  });

  it('another refusal carries its code and message and names no scope', async () => {
    const failure = await listChats((f) => f.directory.failRoute('GET /open-apis/im/v1/chats', { status: 400, code: 232025, msg: 'Bot ability is not activated.' }));

    expect(failure).toMatchObject({ code: 232025, detail: 'Bot ability is not activated.', missingScopes: [] });
  });

  it('no answer at all has no code', async () => {
    const failure = await listChats(async (f) => {
      await f.close();
      fake = undefined;
    });

    expect(failure).toMatchObject({ code: undefined, missingScopes: [] });
  });
});

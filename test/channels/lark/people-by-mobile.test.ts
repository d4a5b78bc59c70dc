import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LarkChannel } from '../../../src/channels/lark/lark-channel';
import type { Incoming } from '../../../src/model/message';
import { loadRoster, type Roster } from '../../../src/org/roster';
import { freshAppId, startFakeFeishu, type FakeFeishu } from '../../helpers/fake-feishu';
import { captureLog, type CapturedLog } from '../../helpers/silent-logger';
import { tempDir } from '../../helpers/temp-dir';

const appSecret = 'people-by-mobile-secret';
/** The sample department, except that 王芳 is known only by her mobile and 周敏 only by her e-mail. */
function rosterByMobile(): Roster {
  const sample = readFileSync('data/org.yaml', 'utf8');
  const edited = sample
    .replace('lark: { open_id: ou_wang_fang, mobile: "13800000011", email: wang.fang@example.com }', 'lark: { mobile: "13800000011" }')
    .replace(/lark: \{ open_id: ou_zhou_min[^}]*\}/, 'lark: { email: zhou.min@example.com }');
  expect(edited).not.toContain('ou_wang_fang');
  expect(edited).not.toContain('ou_zhou_min');
  const file = path.join(tempDir(), 'org.yaml');
  writeFileSync(file, edited);
  return loadRoster(file);
}

let fake: FakeFeishu | undefined;
let channel: LarkChannel | undefined;
let running: Promise<void> | undefined;
afterEach(async () => {
  await channel?.stop();
  await running;
  await fake?.close();
  channel = undefined;
  running = undefined;
  fake = undefined;
});

async function start(prepare: (fake: FakeFeishu) => void): Promise<{ fake: FakeFeishu; channel: LarkChannel; log: CapturedLog; next(): Promise<Incoming> }> {
  const appId = freshAppId();
  fake = await startFakeFeishu({ appId, appSecret });
  prepare(fake);
  const log = captureLog();
  channel = new LarkChannel({ appId, appSecret, domain: fake.domain, roster: rosterByMobile(), log: log.log });
  let waiting: ((event: Incoming) => void) | undefined;
  running = channel.start(async (event) => waiting?.(event));
  await channel.connected;
  return { fake, channel, log, next: () => new Promise<Incoming>((resolve) => (waiting = resolve)) };
}

function directText(from: string, text: string) {
  return {
    sender: { sender_id: { open_id: from }, sender_type: 'user', tenant_key: 'fake-tenant' },
    message: { message_id: 'om_in1', chat_id: 'oc_p2p_1', chat_type: 'p2p', message_type: 'text', content: JSON.stringify({ text }), create_time: '1795500000000', mentions: [] },
  };
}

describe('Lark channel: people org.yaml knows only by mobile or e-mail', () => {
  it('王芳, known by her mobile, is recognised when she writes and gets her direct message by open_id', async () => {
    const { fake, channel, next } = await start((f) => f.directory.users.push({ openId: 'ou_feishu_wang', mobile: '13800000011' }));
    const received = next();

    await fake.pushEvent('im.message.receive_v1', directText('ou_feishu_wang', '我是谁'));
    await channel.send({ to: { kind: 'direct', personId: 'wang-fang' }, mentions: [], content: { text: '您的双公示已收到。' } });

    expect(await received).toMatchObject({ senderId: 'ou_feishu_wang', personId: 'wang-fang', senderName: '王芳' });
    expect(fake.sent).toMatchObject([{ receiveIdType: 'open_id', receiveId: 'ou_feishu_wang', content: { text: '您的双公示已收到。' } }]);
    expect(fake.directory.batchGetIdCalls).toHaveLength(1);
  });

  it('周敏, known by her e-mail, is @-mentioned in the group by her open_id', async () => {
    const { fake, channel } = await start((f) => f.directory.users.push({ openId: 'ou_feishu_zhou', email: 'zhou.min@example.com' }));

    await channel.send({ to: { kind: 'group', groupId: 'main' }, mentions: ['zhou-min'], content: { text: '请查收。' } });

    expect(fake.sent).toMatchObject([{ receiveId: 'oc_sample_credit_group', content: { text: '<at user_id="ou_feishu_zhou"></at> 请查收。' } }]);
  });

  it('without the contact scope the bot still starts, warns, and 王芳 cannot be messaged while the others can', async () => {
    const { fake, channel, log } = await start((f) => f.directory.denyScope('POST /open-apis/contact/v3/users/batch_get_id', 'contact:user.id:readonly'));

    const failure = await channel.send({ to: { kind: 'direct', personId: 'wang-fang' }, mentions: [], content: { text: '提醒' } }).catch((e: unknown) => e);
    await channel.send({ to: { kind: 'direct', personId: 'lin-xiaoyan' }, mentions: [], content: { text: '提醒' } });

    expect(failure).toMatchObject({ transient: false });
    expect(fake.sent.map((m) => m.receiveId)).toEqual(['ou_lin_xiaoyan']);
    expect(log.lines().find((l) => l['level'] === 40 && String(l['msg']).includes('looking people up'))).toMatchObject({ people: ['wang-fang', 'zhou-min'] });
  });

  it('someone outside the availability scope is logged by id, and the bot starts', async () => {
    const { channel, log } = await start((f) => f.directory.users.push({ openId: 'ou_feishu_wang', mobile: '13800000011', outsideAvailability: true }));

    await expect(channel.send({ to: { kind: 'direct', personId: 'wang-fang' }, mentions: [], content: { text: '提醒' } })).rejects.toMatchObject({ transient: false });
    expect(log.lines().find((l) => String(l['msg']).includes('found no user'))).toMatchObject({ people: ['wang-fang', 'zhou-min'] });
  });
});

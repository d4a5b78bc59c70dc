import * as lark from '@larksuiteoapi/node-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { LarkApiError } from '../../../src/channels/lark/api-error';
import { larkContacts, listBotChats, resolveOpenIds, type LarkContact } from '../../../src/channels/lark/directory';
import { loadRoster } from '../../../src/org/roster';
import { freshAppId, startFakeFeishu, type FakeFeishu } from '../../helpers/fake-feishu';

const appSecret = 'directory-secret-0123';
const quiet = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {}, trace: () => {} };

let fake: FakeFeishu | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function connect(): Promise<{ fake: FakeFeishu; client: lark.Client }> {
  const appId = freshAppId();
  fake = await startFakeFeishu({ appId, appSecret });
  return { fake, client: new lark.Client({ appId, appSecret, domain: fake.domain, logger: quiet }) };
}

const mobileOf = (i: number) => `139${String(i).padStart(8, '0')}`;

describe('the people directory: open_ids for the roster', () => {
  it('looks 120 people up by mobile in 3 calls of at most 50, and reports the 2 Feishu cannot see', async () => {
    const { fake, client } = await connect();
    const contacts: LarkContact[] = Array.from({ length: 120 }, (_, i) => ({ personId: `p${i}`, mobile: mobileOf(i) }));
    fake.directory.users.push(...contacts.map((c, i) => ({ openId: `ou_p${i}`, mobile: c.mobile!, outsideAvailability: i === 7 })));
    fake.directory.users.splice(99, 1); // p99's number is not in the tenant at all

    const directory = await resolveOpenIds(client, contacts);

    expect(fake.directory.batchGetIdCalls.map((c) => c.mobiles.length)).toEqual([50, 50, 20]);
    expect(directory.resolved).toHaveLength(118);
    expect(directory.resolved[0]).toEqual({ personId: 'p0', openId: 'ou_p0', via: 'mobile' });
    expect(directory.notFound).toEqual([
      { personId: 'p7', mobile: mobileOf(7) },
      { personId: 'p99', mobile: mobileOf(99) },
    ]);
  });

  it('keeps an open_id written in org.yaml, tries the mobile before the e-mail, and names who has no account', async () => {
    const { fake, client } = await connect();
    fake.directory.users.push({ openId: 'ou_by_email', email: 'li.na@example.com' }, { openId: 'ou_by_mobile', mobile: '13900000002', email: 'zhou@example.com' });

    const directory = await resolveOpenIds(client, [
      { personId: 'given', openId: 'ou_given', mobile: '13900000001' },
      { personId: 'li-na', mobile: '13900000009', email: 'li.na@example.com' },
      { personId: 'zhou', mobile: '13900000002', email: 'zhou@example.com' },
      { personId: 'nobody' },
    ]);

    expect(fake.directory.batchGetIdCalls).toEqual([{ mobiles: ['13900000009', '13900000002'], emails: ['li.na@example.com', 'zhou@example.com'] }]);
    expect(directory).toEqual({
      resolved: [
        { personId: 'given', openId: 'ou_given', via: 'open_id' },
        { personId: 'li-na', openId: 'ou_by_email', via: 'email' },
        { personId: 'zhou', openId: 'ou_by_mobile', via: 'mobile' },
      ],
      notFound: [],
      withoutAccount: ['nobody'],
    });
  });

  it('asks Feishu nothing when everyone has an open_id', async () => {
    const { fake, client } = await connect();

    const directory = await resolveOpenIds(client, [{ personId: 'a', openId: 'ou_a' }]);

    expect(directory.resolved).toEqual([{ personId: 'a', openId: 'ou_a', via: 'open_id' }]);
    expect(fake.directory.batchGetIdCalls).toEqual([]);
  });

  it('throws the missing scope Feishu names when the app may not look up user ids', async () => {
    const { fake, client } = await connect();
    fake.directory.denyScope('POST /open-apis/contact/v3/users/batch_get_id', 'contact:user.id:readonly');

    const failure = await resolveOpenIds(client, [{ personId: 'a', mobile: '13900000001' }]).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(LarkApiError);
    expect(failure).toMatchObject({ code: 99991672, missingScopes: ['contact:user.id:readonly'] });
  });

  it('reads the sample roster: 王芳 by her open_id, 高雅 with no Feishu account', () => {
    const contacts = larkContacts(loadRoster('data/org.yaml').people);

    expect(contacts.find((c) => c.personId === 'wang-fang')).toEqual({ personId: 'wang-fang', openId: 'ou_wang_fang', mobile: '13800000011', email: 'wang.fang@example.com' });
    expect(contacts.find((c) => c.personId === 'gao-ya')).toEqual({ personId: 'gao-ya' });
  });
});

describe("the bot's chats", () => {
  it('lists every page of the chats the bot is in', async () => {
    const { fake, client } = await connect();
    fake.directory.chatPageSize = 2;
    fake.directory.chats.push({ chatId: 'oc_1', name: '信用体系建设工作群' }, { chatId: 'oc_2', name: '办公室' }, { chatId: 'oc_3', name: '测试群' });

    expect(await listBotChats(client)).toEqual([
      { chatId: 'oc_1', name: '信用体系建设工作群' },
      { chatId: 'oc_2', name: '办公室' },
      { chatId: 'oc_3', name: '测试群' },
    ]);
    expect(fake.directory.chatListCalls).toBe(2);
  });
});

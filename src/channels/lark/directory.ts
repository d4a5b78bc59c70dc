import type * as lark from '@larksuiteoapi/node-sdk';
import type { Person } from '../../org/schema';
import { larkCall } from './api-error';

/** A roster person's Feishu account as org.yaml gives it. */
export interface LarkContact {
  personId: string;
  openId?: string;
  mobile?: string;
  email?: string;
}

/** How a person's open_id was found: written in org.yaml, or looked up by mobile or e-mail. */
export type ResolvedVia = 'open_id' | 'mobile' | 'email';

export interface ResolvedPerson {
  personId: string;
  openId: string;
  via: ResolvedVia;
}

export interface PeopleDirectory {
  resolved: ResolvedPerson[];
  /**
   * People whose mobile or e-mail Feishu returned no user for: outside the app's availability
   * scope (可用范围), or the number or address is wrong — Feishu does not say which.
   */
  notFound: LarkContact[];
  /** People with no Feishu account at all in org.yaml. */
  withoutAccount: string[];
}

export interface BotChat {
  chatId: string;
  name: string;
}

/** contact.v3.user.batchGetId takes at most 50 mobiles and 50 e-mails per call. */
export const BATCH_GET_ID_LIMIT = 50;

/** Feishu's largest page for im.v1.chat.list. */
const CHAT_PAGE_SIZE = 100;

/** Each roster person's Feishu account, as data for resolveOpenIds. */
export function larkContacts(people: readonly Person[]): LarkContact[] {
  return people.map((person) => {
    const account = person.identities.lark;
    return {
      personId: person.id,
      ...(account?.open_id ? { openId: account.open_id } : {}),
      ...(account?.mobile ? { mobile: account.mobile } : {}),
      ...(account?.email ? { email: account.email } : {}),
    };
  });
}

/**
 * Every contact's open_id: as given, else looked up by mobile (first) or e-mail through
 * contact.v3.user.batchGetId, in calls of at most 50 of each. A failed call (a missing scope, no
 * answer) throws a LarkApiError.
 */
export async function resolveOpenIds(client: lark.Client, contacts: readonly LarkContact[]): Promise<PeopleDirectory> {
  const lookedUp = contacts.filter((c) => !c.openId && (c.mobile || c.email));
  const mobiles = unique(lookedUp.flatMap((c) => (c.mobile ? [c.mobile] : [])));
  const emails = unique(lookedUp.flatMap((c) => (c.email ? [c.email] : [])));
  const byMobile = new Map<string, string>();
  const byEmail = new Map<string, string>();
  const calls = Math.max(Math.ceil(mobiles.length / BATCH_GET_ID_LIMIT), Math.ceil(emails.length / BATCH_GET_ID_LIMIT));
  for (let i = 0; i < calls; i++) {
    const batch = { mobiles: mobiles.slice(i * BATCH_GET_ID_LIMIT, (i + 1) * BATCH_GET_ID_LIMIT), emails: emails.slice(i * BATCH_GET_ID_LIMIT, (i + 1) * BATCH_GET_ID_LIMIT) };
    const answer = await larkCall('contact.v3.user.batchGetId', () =>
      client.contact.v3.user.batchGetId({
        params: { user_id_type: 'open_id' },
        data: { ...(batch.mobiles.length ? { mobiles: batch.mobiles } : {}), ...(batch.emails.length ? { emails: batch.emails } : {}) },
      }),
    );
    for (const user of answer.data?.user_list ?? []) {
      if (!user.user_id) continue;
      if (user.mobile) byMobile.set(nationalMobile(user.mobile), user.user_id);
      if (user.email) byEmail.set(user.email.toLowerCase(), user.user_id);
    }
  }
  const directory: PeopleDirectory = { resolved: [], notFound: [], withoutAccount: [] };
  for (const contact of contacts) {
    const { personId } = contact;
    const fromMobile = contact.mobile ? byMobile.get(nationalMobile(contact.mobile)) : undefined;
    const fromEmail = contact.email ? byEmail.get(contact.email.toLowerCase()) : undefined;
    if (contact.openId) directory.resolved.push({ personId, openId: contact.openId, via: 'open_id' });
    else if (fromMobile) directory.resolved.push({ personId, openId: fromMobile, via: 'mobile' });
    else if (fromEmail) directory.resolved.push({ personId, openId: fromEmail, via: 'email' });
    else if (contact.mobile || contact.email) directory.notFound.push(contact);
    else directory.withoutAccount.push(personId);
  }
  return directory;
}

/** The chats the bot is a member of, every page of im.v1.chat.list. */
export async function listBotChats(client: lark.Client): Promise<BotChat[]> {
  const chats: BotChat[] = [];
  let pageToken: string | undefined;
  do {
    const answer = await larkCall('im.v1.chat.list', () => client.im.v1.chat.list({ params: { page_size: CHAT_PAGE_SIZE, ...(pageToken ? { page_token: pageToken } : {}) } }));
    for (const item of answer.data?.items ?? []) {
      if (item.chat_id) chats.push({ chatId: item.chat_id, name: item.name ?? '' });
    }
    pageToken = answer.data?.has_more ? answer.data.page_token : undefined;
  } while (pageToken);
  return chats;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Feishu may echo a mainland number with its country code; org.yaml writes the 11 digits. */
function nationalMobile(mobile: string): string {
  return mobile.replace(/^\+?86(?=1\d{10}$)/, '');
}

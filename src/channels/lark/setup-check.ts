import * as lark from '@larksuiteoapi/node-sdk';
import type { Roster } from '../../org/roster';
import { joinWithOr, t } from '../../prompts';
import { LarkApiError, larkCall } from './api-error';
import { larkContacts, listBotChats, resolveOpenIds, type LarkContact } from './directory';

export interface SetupCheckOptions {
  appId: string;
  appSecret: string;
  /** The open platform's base URL (config.lark.domain). */
  domain: string;
  roster: Roster;
  /** Receives each line of the report as soon as it is known. */
  print(line: string): void;
}

/** The SDK's own error logs carry request bodies (the secret among them); the report says what failed. */
const silent = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {}, trace: () => {} };

/**
 * `npm run lark:check` after the environment: the credentials, the bot's identity, the groups it
 * is in against org.yaml and every roster person's open_id, each as ✓ or ✗ with what to change
 * and where. Resolves to the number of failed checks.
 */
export async function checkLarkSetup(options: SetupCheckOptions): Promise<number> {
  const { appId, appSecret, domain, roster, print } = options;
  const consoleUrl = `${domain}/app/${appId}`;
  let failures = 0;
  const fail = (line: string) => {
    failures += 1;
    print(line);
  };
  const apiFailure = (check: string, error: unknown) => fail(describeFailure(check, error, consoleUrl, domain));

  // Credentials first, on a client that does not fetch a token itself, so Feishu's code comes back as given.
  const probe = new lark.Client({ appId, appSecret, domain, disableTokenCache: true, logger: silent });
  try {
    await larkCall('auth.v3.tenantAccessToken.internal', () => probe.auth.v3.tenantAccessToken.internal({ data: { app_id: appId, app_secret: appSecret } }));
    print(t('lark_check.credentials_ok'));
  } catch (error) {
    if (error instanceof LarkApiError && error.code !== undefined) fail(t('lark_check.credentials_refused', { code: error.code, msg: error.detail, consoleUrl }));
    else apiFailure(t('lark_check.check_credentials'), error);
    print(t('lark_check.skipped'));
    return failures;
  }

  const client = new lark.Client({ appId, appSecret, domain, logger: silent });
  const bot = await fetchBot(client).catch((error: unknown) => {
    fail(t('lark_check.bot_failed', { code: error instanceof LarkApiError ? (error.code ?? '-') : '-', msg: error instanceof LarkApiError ? error.detail : String(error), consoleUrl }));
    return undefined;
  });
  if (bot) print(t('lark_check.bot_ok', bot));

  try {
    const chats = await listBotChats(client);
    const inChat = new Set(chats.map((c) => c.chatId));
    for (const group of roster.groups) {
      const chatId = group.identities.lark?.chat_id;
      if (!chatId) fail(t('lark_check.group_without_chat_id', { name: group.name }));
      else if (inChat.has(chatId)) print(t('lark_check.group_ok', { name: group.name, chatId }));
      else fail(t('lark_check.group_missing_bot', { name: group.name, chatId, bot: bot?.name ?? roster.botName }));
    }
    const unlisted = chats.filter((c) => !roster.identifyGroup('lark', c.chatId));
    if (unlisted.length > 0) {
      print(t('lark_check.chats_unlisted', { count: unlisted.length }));
      for (const chat of unlisted) print(t('lark_check.chat_unlisted', { name: chat.name, chatId: chat.chatId }));
    }
  } catch (error) {
    apiFailure(t('lark_check.check_groups'), error);
  }

  const contacts = larkContacts(roster.people);
  try {
    const directory = await resolveOpenIds(client, contacts);
    const nameOf = (id: string) => roster.person(id)?.name ?? id;
    const found = directory.resolved.filter((r) => r.via !== 'open_id');
    print(t('lark_check.people_ok', { count: directory.resolved.length, given: directory.resolved.length - found.length, found: found.length }));
    for (const person of found) {
      const contact = contacts.find((c) => c.personId === person.personId)!;
      const by = person.via === 'mobile' ? t('lark_check.by_mobile', { mobile: contact.mobile! }) : t('lark_check.by_email', { email: contact.email! });
      print(t('lark_check.person_found', { name: nameOf(person.personId), id: person.personId, by, openId: person.openId }));
    }
    for (const contact of directory.notFound) {
      fail(t('lark_check.person_not_found', { name: nameOf(contact.personId), id: contact.personId, by: accountWords(contact), consoleUrl }));
    }
    if (directory.withoutAccount.length > 0) {
      const names = directory.withoutAccount.map((id) => `${nameOf(id)}（${id}）`).join('、');
      fail(t('lark_check.people_without_account', { count: directory.withoutAccount.length, names }));
    }
  } catch (error) {
    apiFailure(t('lark_check.check_people'), error);
  }
  return failures;
}

/** The bot's name and open_id (bot/v3/info answers with `bot` beside `code`, not under `data`). */
async function fetchBot(client: lark.Client): Promise<{ name: string; openId: string }> {
  const info = await larkCall('bot.v3.info', () => client.request<{ code?: number; msg?: string; bot?: { app_name?: string; open_id?: string } }>({ method: 'GET', url: '/open-apis/bot/v3/info' }));
  if (!info.bot?.open_id) throw new LarkApiError('bot.v3.info', info.code, info.msg ?? '', []);
  return { name: info.bot.app_name ?? '', openId: info.bot.open_id };
}

/** 「手机号 138… 或 邮箱 …」: what the lookup tried. */
function accountWords(contact: LarkContact): string {
  const words = [
    ...(contact.mobile ? [t('lark_check.by_mobile', { mobile: contact.mobile })] : []),
    ...(contact.email ? [t('lark_check.by_email', { email: contact.email })] : []),
  ];
  return joinWithOr(words);
}

/** A failed call as one ✗ line: the scope to enable, no answer at all, or Feishu's code and message. */
function describeFailure(check: string, error: unknown, consoleUrl: string, domain: string): string {
  if (!(error instanceof LarkApiError)) return t('lark_check.unreachable', { check, domain, reason: String((error as Error)?.message ?? error) });
  if (error.missingScopes.length > 0) {
    return t('lark_check.scope_missing', { check, scopes: joinWithOr(error.missingScopes), code: error.code ?? '-', consoleUrl, query: error.missingScopes.join(',') });
  }
  if (error.code === undefined) return t('lark_check.unreachable', { check, domain, reason: error.detail });
  return t('lark_check.api_failed', { check, api: error.api, code: error.code, msg: error.detail });
}

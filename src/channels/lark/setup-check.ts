import * as lark from '@larksuiteoapi/node-sdk';
import type { Roster } from '../../org/roster';
import { joinWithOr, t } from '../../prompts';
import { LarkApiError, larkCall } from './api-error';
import { larkContacts, listBotChats, resolveOpenIds, type BotChat, type LarkContact, type PeopleDirectory } from './directory';

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

/** Where the report goes, and how many ✗ lines it has. */
interface Report {
  print(line: string): void;
  fail(line: string): void;
  /** The app's page in the developer console. */
  consoleUrl: string;
  domain: string;
}

/**
 * `npm run lark:check` after the environment: the credentials, the bot's identity, the groups it
 * is in against org.yaml and every roster person's open_id, each as ✓ or ✗ with what to change
 * and where. Resolves to the number of failed checks.
 */
export async function checkLarkSetup(options: SetupCheckOptions): Promise<number> {
  const { appId, appSecret, domain, roster, print } = options;
  let failures = 0;
  const report: Report = {
    print,
    fail: (line) => {
      failures += 1;
      print(line);
    },
    consoleUrl: `${domain}/app/${appId}`,
    domain,
  };
  if (!(await checkCredentials(options, report))) {
    print(t('lark_check.skipped'));
    return failures;
  }
  const client = new lark.Client({ appId, appSecret, domain, logger: silent });
  const bot = await checkBot(client, report);
  await checkGroups(client, roster, bot?.name ?? roster.botName, report);
  await checkPeople(client, roster, report);
  return failures;
}

/** A tenant token, on a client that does not fetch one itself, so Feishu's code comes back as given. */
async function checkCredentials({ appId, appSecret, domain }: SetupCheckOptions, report: Report): Promise<boolean> {
  const probe = new lark.Client({ appId, appSecret, domain, disableTokenCache: true, logger: silent });
  try {
    await larkCall('auth.v3.tenantAccessToken.internal', () => probe.auth.v3.tenantAccessToken.internal({ data: { app_id: appId, app_secret: appSecret } }));
    report.print(t('lark_check.credentials_ok'));
    return true;
  } catch (error) {
    if (error instanceof LarkApiError && error.code !== undefined) report.fail(t('lark_check.credentials_refused', { code: error.code, msg: error.detail, consoleUrl: report.consoleUrl }));
    else report.fail(describeFailure(t('lark_check.check_credentials'), error, report));
    return false;
  }
}

/** The bot's name and open_id; a refusal means the app has no bot capability (yet). */
async function checkBot(client: lark.Client, report: Report): Promise<{ name: string; openId: string } | undefined> {
  try {
    const bot = await fetchBot(client);
    report.print(t('lark_check.bot_ok', bot));
    return bot;
  } catch (error) {
    const refusal = error instanceof LarkApiError ? error : undefined;
    report.fail(t('lark_check.bot_failed', { code: refusal?.code ?? '-', msg: refusal?.detail ?? String(error), consoleUrl: report.consoleUrl }));
    return undefined;
  }
}

/** Each org.yaml group the bot should be in; the chats it is in that org.yaml does not name. */
async function checkGroups(client: lark.Client, roster: Roster, botName: string, report: Report): Promise<void> {
  let chats: BotChat[];
  try {
    chats = await listBotChats(client);
  } catch (error) {
    report.fail(describeFailure(t('lark_check.check_groups'), error, report));
    return;
  }
  const inChat = new Set(chats.map((c) => c.chatId));
  for (const group of roster.groups) {
    const chatId = group.identities.lark?.chat_id;
    if (!chatId) report.fail(t('lark_check.group_without_chat_id', { name: group.name }));
    else if (inChat.has(chatId)) report.print(t('lark_check.group_ok', { name: group.name, chatId }));
    else report.fail(t('lark_check.group_missing_bot', { name: group.name, chatId, bot: botName }));
  }
  const unlisted = chats.filter((c) => !roster.identifyGroup('lark', c.chatId));
  if (unlisted.length > 0) {
    report.print(t('lark_check.chats_unlisted', { count: unlisted.length }));
    for (const chat of unlisted) report.print(t('lark_check.chat_unlisted', { name: chat.name, chatId: chat.chatId }));
  }
}

/** Every roster person's open_id: those found by mobile or e-mail to write down, those not found, those without an account. */
async function checkPeople(client: lark.Client, roster: Roster, report: Report): Promise<void> {
  const contacts = larkContacts(roster.people);
  let directory: PeopleDirectory;
  try {
    directory = await resolveOpenIds(client, contacts);
  } catch (error) {
    report.fail(describeFailure(t('lark_check.check_people'), error, report));
    return;
  }
  const nameOf = (id: string) => roster.person(id)?.name ?? id;
  const found = directory.resolved.filter((r) => r.via !== 'open_id');
  if (directory.resolved.length > 0) {
    report.print(t('lark_check.people_ok', { count: directory.resolved.length, given: directory.resolved.length - found.length, found: found.length }));
  }
  for (const person of found) {
    const contact = contacts.find((c) => c.personId === person.personId)!;
    const by = person.via === 'mobile' ? t('lark_check.by_mobile', { mobile: contact.mobile! }) : t('lark_check.by_email', { email: contact.email! });
    report.print(t('lark_check.person_found', { name: nameOf(person.personId), id: person.personId, by, openId: person.openId }));
  }
  for (const contact of directory.notFound) {
    report.fail(t('lark_check.person_not_found', { name: nameOf(contact.personId), id: contact.personId, by: accountWords(contact), consoleUrl: report.consoleUrl }));
  }
  if (directory.withoutAccount.length > 0) {
    const names = directory.withoutAccount.map((id) => `${nameOf(id)}（${id}）`).join('、');
    report.fail(t('lark_check.people_without_account', { count: directory.withoutAccount.length, names }));
  }
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
function describeFailure(check: string, error: unknown, { consoleUrl, domain }: Report): string {
  if (!(error instanceof LarkApiError)) return t('lark_check.unreachable', { check, domain, reason: String((error as Error)?.message ?? error) });
  if (error.missingScopes.length > 0) {
    return t('lark_check.scope_missing', { check, scopes: joinWithOr(error.missingScopes), code: error.code ?? '-', consoleUrl, query: error.missingScopes.join(',') });
  }
  if (error.code === undefined) return t('lark_check.unreachable', { check, domain, reason: error.detail });
  return t('lark_check.api_failed', { check, api: error.api, code: error.code, msg: error.detail });
}

import { types, WechatyBuilder, type Contact, type Wechaty } from 'wechaty';
import type { Roster } from '../../org/roster';
import { t } from '../../prompts';
import { showLoginQrCode } from './login-qr';
import { loadPuppet, needsToken, PuppetLoadError, type WechatPuppet } from './puppet-loader';
import { groupRooms } from './room-members';

export interface WechatCheckOptions {
  puppet: string;
  puppetToken?: string;
  /** A puppet made already (a test's PuppetMock), instead of loading `puppet`. */
  puppetInstance?: WechatPuppet;
  /** The login session the bot uses, so a check after the bot's login need not scan again. */
  sessionName?: string;
  roster: Roster;
  /** How long to wait for the QR code to be scanned, and then for the account's contacts and groups to load. */
  loginTimeoutMs: number;
  readyTimeoutMs: number;
  /** Receives each line of the report as soon as it is known. */
  print(line: string): void;
}

/**
 * `npm run wechat:check` after the environment: the puppet package, its token, the login (the QR
 * code shown to scan), each org.yaml group's room by its topic and the roster people missing from
 * it, each as ✓ or ✗ with what to change. Resolves to the number of failed checks.
 */
export async function checkWechatSetup(options: WechatCheckOptions): Promise<number> {
  const { puppet: name, puppetToken, roster, print } = options;
  let failures = 0;
  const fail = (line: string) => {
    failures += 1;
    print(line);
  };
  let puppet: WechatPuppet;
  try {
    puppet = options.puppetInstance ?? (await loadPuppet(name, puppetToken));
    print(t('wechat_check.puppet_ok', { puppet: name }));
    if (needsToken(name)) print(t('wechat_check.token_ok'));
  } catch (error) {
    if (!(error instanceof PuppetLoadError)) throw error;
    fail(puppetFailure(error));
    print(t('wechat_check.skipped'));
    return failures;
  }
  const wechaty = WechatyBuilder.build({ puppet, ...(options.sessionName ? { name: options.sessionName } : {}) });
  const loggedIn = new Promise<Contact>((resolve) => wechaty.once('login', resolve));
  const ready = new Promise<true>((resolve) => wechaty.once('ready', () => resolve(true)));
  wechaty.on('scan', (qrcode, status) => {
    if (status === types.ScanStatus.Waiting || status === types.ScanStatus.Timeout) showLoginQrCode(print, qrcode, t('wechat_check.scan', { url: qrcode }));
  });
  // wechaty reports puppet trouble as events; the check reports the login's outcome instead.
  wechaty.on('error', () => undefined);
  try {
    await wechaty.start();
    const user = await within(loggedIn, options.loginTimeoutMs);
    if (!user) {
      fail(t('wechat_check.login_timeout', { seconds: Math.round(options.loginTimeoutMs / 1000) }));
      return failures;
    }
    print(t('wechat_check.login_ok', { name: user.name() }));
    // The puppet loads the account's contacts and groups after the login; a check too early would miss them.
    if (!(await within(ready, options.readyTimeoutMs))) print(t('wechat_check.not_ready', { seconds: Math.round(options.readyTimeoutMs / 1000) }));
    failures += await checkRooms(wechaty, roster, print);
    return failures;
  } catch (error) {
    fail(t('wechat_check.start_failed', { puppet: name, detail: (error as Error).message }));
    return failures;
  } finally {
    await wechaty.stop().catch(() => undefined);
  }
}

/** Each org.yaml group's room and who of the roster is not in it; the number of ✗ lines. */
async function checkRooms(wechaty: Wechaty, roster: Roster, print: (line: string) => void): Promise<number> {
  let failures = 0;
  const fail = (line: string) => {
    failures += 1;
    print(line);
  };
  const { groups, withoutIdentity } = await groupRooms(wechaty, roster);
  for (const { group, topic, room, notInRoom } of groups) {
    if (!topic) fail(t('wechat_check.group_without_topic', { name: group.name }));
    else if (!room) fail(t('wechat_check.group_not_found', { name: group.name, topic }));
    else {
      print(t('wechat_check.group_ok', { name: group.name, topic, members: (await room.memberAll()).length }));
      if (notInRoom.length > 0) {
        fail(t('wechat_check.people_not_in_room', { topic, count: notInRoom.length }));
        for (const person of notInRoom) print(t('wechat_check.person_not_in_room', { name: person.name, id: person.id, by: identityWords(person.identities.wechat ?? {}) }));
      } else print(t('wechat_check.people_ok', { topic }));
    }
  }
  if (withoutIdentity.length > 0) {
    fail(t('wechat_check.people_without_identity', { count: withoutIdentity.length, names: withoutIdentity.map((p) => `${p.name}（${p.id}）`).join('、') }));
  }
  return failures;
}

/** 「备注名 wangfang_sj 或 微信昵称 王芳」: what was looked for. */
function identityWords(wechat: { alias?: string; name?: string }): string {
  return [
    ...(wechat.alias ? [t('wechat_check.by_alias', { alias: wechat.alias })] : []),
    ...(wechat.name ? [t('wechat_check.by_name', { name: wechat.name })] : []),
  ].join(t('wechat_check.or'));
}

function puppetFailure(error: PuppetLoadError): string {
  switch (error.reason) {
    case 'not_installed':
      return t('wechat_check.puppet_not_installed', { puppet: error.puppet });
    case 'not_a_puppet':
      return t('wechat_check.puppet_not_a_puppet', { puppet: error.puppet });
    case 'token_missing':
      return t('wechat_check.token_missing', { puppet: error.puppet });
    case 'failed':
      return t('wechat_check.puppet_failed', { puppet: error.puppet, detail: error.message });
  }
}

/** `promise`'s value, or undefined if it has not settled within `ms`. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

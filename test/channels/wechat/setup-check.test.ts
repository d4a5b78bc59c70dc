import { describe, expect, it } from 'vitest';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import { checkWechatSetup } from '../../../src/channels/wechat/setup-check';
import { loadRoster } from '../../../src/org/roster';
import { t } from '../../../src/prompts';

const roster = loadRoster('data/org.yaml');

/**
 * A WeChat where the bot's account shows its QR code, is scanned, and then has the work group's
 * room with the people of org.yaml in it, except those named in `missing`.
 */
function mockWechat(o: { scanned?: boolean; loaded?: boolean; topic?: string; missing?: string[] } = {}) {
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  const botUser = mocker.createContact({ name: roster.botName });
  const members = roster.people.flatMap((p) => {
    const wechat = p.identities.wechat;
    if (!wechat || o.missing?.includes(p.id)) return [];
    return [mocker.createContact({ name: wechat.name ?? p.name, ...(wechat.alias ? { alias: wechat.alias } : {}) })];
  });
  mocker.createRoom({ topic: o.topic ?? '信用体系建设工作群', memberIdList: [botUser.id, ...members.map((c) => c.id)] });
  mocker.use((m) => {
    m.scan('https://login.weixin.qq.com/l/Qx8mock==');
    if (o.scanned !== false) {
      m.login(botUser);
      // Contacts and rooms are loaded a moment after the login.
      if (o.loaded !== false) setImmediate(() => m.puppet.emit('ready', { data: 'stable' }));
    }
    return () => undefined;
  });
  return puppet;
}

async function check(puppetInstance: PuppetMock | undefined, options: { puppet?: string; puppetToken?: string } = {}) {
  const lines: string[] = [];
  const failures = await checkWechatSetup({
    puppet: options.puppet ?? 'wechaty-puppet-mock',
    ...(options.puppetToken ? { puppetToken: options.puppetToken } : {}),
    ...(puppetInstance ? { puppetInstance } : {}),
    roster,
    loginTimeoutMs: 2000,
    readyTimeoutMs: 1000,
    print: (line) => lines.push(line),
  });
  return { failures, lines };
}

/** The QR code drawn in the terminal: rows of block characters. */
const drawnQrCode = expect.stringMatching(/▄▄▄▄▄▄▄.*\n(.*█.*\n){5,}/);

/** People of data/org.yaml with no WeChat identity: always reported, whatever the room. */
const withoutIdentity = roster.people.filter((p) => !p.identities.wechat);

describe('npm run wechat:check', () => {
  it('everything in place: the QR code, the login, the room by topic with everyone who has WeChat', async () => {
    const { failures, lines } = await check(mockWechat());

    expect(lines.slice(0, 6)).toEqual([
      t('wechat_check.puppet_ok', { puppet: 'wechaty-puppet-mock' }),
      drawnQrCode,
      t('wechat_check.scan', { url: 'https://login.weixin.qq.com/l/Qx8mock==' }),
      t('wechat_check.login_ok', { name: '信用助手' }),
      t('wechat_check.group_ok', { name: '信用体系建设工作群', topic: '信用体系建设工作群', members: roster.people.length - withoutIdentity.length + 1 }),
      t('wechat_check.people_ok', { topic: '信用体系建设工作群' }),
    ]);
    // The sample roster leaves some people without WeChat on purpose: the one failure.
    expect(lines.slice(6)).toEqual([t('wechat_check.people_without_identity', { count: withoutIdentity.length, names: withoutIdentity.map((p) => `${p.name}（${p.id}）`).join('、') })]);
    expect(failures).toBe(1);
  });

  it('names the roster people missing from the room, with what was looked for', async () => {
    const { failures, lines } = await check(mockWechat({ missing: ['wang-fang', 'he-jing'] }));

    expect(lines).toContain(t('wechat_check.people_not_in_room', { topic: '信用体系建设工作群', count: 2 }));
    expect(lines.filter((l) => l.startsWith('  · '))).toEqual([
      expect.stringMatching(/^ {2}· 王芳（wang-fang）：找的是 备注名「wangfang_sj」 或 微信昵称「王芳」。/),
      expect.stringMatching(/^ {2}· 何静（he-jing）：找的是 微信昵称「何静」。/),
    ]);
    expect(failures).toBe(2);
  });

  it('the contacts are still loading when the wait is over: said, and the check goes on with what there is', async () => {
    const puppet = mockWechat({ loaded: false });
    const lines: string[] = [];
    await checkWechatSetup({ puppet: 'wechaty-puppet-mock', puppetInstance: puppet, roster, loginTimeoutMs: 2000, readyTimeoutMs: 10, print: (line) => lines.push(line) });

    expect(lines).toContain(t('wechat_check.not_ready', { seconds: 0 }));
    expect(lines).toContain(t('wechat_check.people_ok', { topic: '信用体系建设工作群' }));
  });

  it('a group whose topic is not among the account\'s rooms', async () => {
    const { lines } = await check(mockWechat({ topic: '信用工作群' }));

    expect(lines).toContain(t('wechat_check.group_not_found', { name: '信用体系建设工作群', topic: '信用体系建设工作群' }));
  });

  it('nobody scans the QR code: the login times out, shown after the QR code', async () => {
    const { failures, lines } = await check(mockWechat({ scanned: false }));

    expect(lines).toEqual([
      t('wechat_check.puppet_ok', { puppet: 'wechaty-puppet-mock' }),
      drawnQrCode,
      t('wechat_check.scan', { url: 'https://login.weixin.qq.com/l/Qx8mock==' }),
      t('wechat_check.login_timeout', { seconds: 2 }),
    ]);
    expect(failures).toBe(1);
  });

  it('a puppet that is not installed, and a puppet-service without its token, stop the check at once', async () => {
    expect(await check(undefined, { puppet: 'wechaty-puppet-nonexistent' })).toEqual({
      failures: 1,
      lines: [t('wechat_check.puppet_not_installed', { puppet: 'wechaty-puppet-nonexistent' }), t('wechat_check.skipped')],
    });
    expect(await check(undefined, { puppet: 'wechaty-puppet-service' })).toEqual({
      failures: 1,
      lines: [t('wechat_check.token_missing', { puppet: 'wechaty-puppet-service' }), t('wechat_check.skipped')],
    });
  });
});

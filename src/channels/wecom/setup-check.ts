import { WSClient } from '@wecom/aibot-node-sdk';
import type { Roster } from '../../org/roster';
import { t } from '../../prompts';

export interface WecomSetupCheckOptions {
  botId: string;
  secret: string;
  wsUrl: string;
  roster: Roster;
  /** Receives each line of the report as soon as it is known. */
  print(line: string): void;
  /** How long to wait for WeCom's answer to the subscription; 15 s unless a test is in a hurry. */
  timeoutMs?: number;
}

/** The SDK's own logs are not for the report: it says what failed itself. */
const silent = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} };

type Connection = { ok: true } | { ok: false; refused: boolean; detail: string };

/**
 * `npm run wecom:check` after the environment: the robot's long connection (connects and
 * authenticates with the Bot ID and Secret), then org.yaml's groups and people against what WeCom
 * needs (a chatid per group, a userid per person), each as ✓ or ✗ with what to change and where.
 * WeCom has no call that lists a robot's groups or looks people up, so those checks read org.yaml
 * only. Resolves to the number of failed checks.
 */
export async function checkWecomSetup(options: WecomSetupCheckOptions): Promise<number> {
  const { roster, print } = options;
  let failures = 0;
  const fail = (line: string) => {
    failures += 1;
    print(line);
  };
  print(t('wecom_check.takeover_note'));
  const connection = await connect(options);
  if (connection.ok) print(t('wecom_check.connected', { url: options.wsUrl }));
  else if (connection.refused) fail(t('wecom_check.refused', { detail: connection.detail }));
  else fail(t('wecom_check.unreachable', { url: options.wsUrl, detail: connection.detail }));

  for (const group of roster.groups) {
    const chatId = group.identities.wecom?.chatid;
    if (chatId) print(t('wecom_check.group_ok', { name: group.name, chatId }));
    else fail(t('wecom_check.group_without_chatid', { name: group.name, bot: roster.botName }));
  }
  const withUserId = roster.people.filter((p) => p.identities.wecom?.userid);
  const without = roster.people.filter((p) => !p.identities.wecom?.userid);
  if (withUserId.length > 0) print(t('wecom_check.people_ok', { count: withUserId.length }));
  if (without.length > 0) {
    fail(t('wecom_check.people_without_userid', { count: without.length, names: without.map((p) => `${p.name}（${p.id}）`).join('、') }));
  }
  return failures;
}

/** One long connection, as the bot makes it: the subscription's answer, or why there was none. */
function connect({ botId, secret, wsUrl, timeoutMs = 15_000 }: WecomSetupCheckOptions): Promise<Connection> {
  const client = new WSClient({ botId, secret, wsUrl, logger: silent, maxReconnectAttempts: 0, maxAuthFailureAttempts: 0 });
  return new Promise<Connection>((resolve) => {
    const timer = setTimeout(() => done({ ok: false, refused: false, detail: `no answer within ${timeoutMs / 1000} s` }), timeoutMs);
    const done = (result: Connection) => {
      clearTimeout(timer);
      client.removeAllListeners();
      client.disconnect();
      resolve(result);
    };
    client.on('authenticated', () => done({ ok: true }));
    client.on('error', (error: Error) => done({ ok: false, refused: /Authentication failed/i.test(error.message), detail: error.message }));
    client.connect();
  });
}

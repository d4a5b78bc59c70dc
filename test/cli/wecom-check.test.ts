import { describe, expect, it } from 'vitest';
import { startFakeWecom } from '../helpers/fake-wecom';
import { closedAfterEach } from '../helpers/harness-registry';
import { runCheck, type CliResult } from '../helpers/run-cli';
import { smallDepartment } from '../helpers/small-department';

const SECRET = 'wecom-check-secret-0123456789';
const LIN = { id: 'lin', name: '林晓燕', roles: ['head', 'admin'], identities: '{ wecom: { userid: LinXiaoYan } }' };
/** A small department: the work group with its chatid, 林晓燕 with a userid, 王芳 without. */
const ORG = smallDepartment('{ wecom: { chatid: wrkWork } }', [LIN, { id: 'wang', name: '王芳', roles: ['reporter'] }]);

/** A fake WeCom for the test, closed after it. */
const wecom = closedAfterEach(startFakeWecom);

function wecomCheck(env: NodeJS.ProcessEnv, org = ORG): Promise<CliResult> {
  return runCheck('wecom:check', org, env);
}

describe('npm run wecom:check', () => {
  it('with the right id and secret: connects and authenticates, lists the group, names the person without a userid, exits 1', async () => {
    const fake = await wecom({ botId: 'aib_check', secret: SECRET });

    const result = await wecomCheck({ WECOM_BOT_ID: 'aib_check', WECOM_BOT_SECRET: SECRET, WECOM_WS_URL: fake.wsUrl });

    const lines = result.stdout.trim().split('\n');
    expect(lines).toContain(`✓ 环境变量：WECOM_BOT_ID=aib_check，WECOM_BOT_SECRET 已设置（不显示），WECOM_WS_URL=${fake.wsUrl}`);
    expect(lines).toContain(`✓ 长连接：已连上 ${fake.wsUrl}，Bot ID 与 Secret 认证通过`);
    expect(lines).toContain('✓ 群「信用工作群」：chatid wrkWork');
    expect(lines).toContain('✓ 人员：1 人写有企业微信 userid');
    expect(lines.find((l) => l.startsWith('✗ 人员'))).toMatch(/^✗ 人员：1 人在 org\.yaml 中没有企业微信 userid，机器人无法私聊或 @ 他们：王芳（wang）。/);
    expect(lines.at(-1)).toBe('有 1 项未通过。按上面的提示修改后，再运行 npm run wecom:check。');
    expect(result.code).toBe(1);
    expect(fake.subscriptions).toEqual([{ botId: 'aib_check', accepted: true }]);
    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });

  it('everything in place: exit 0', async () => {
    const fake = await wecom({ botId: 'aib_check', secret: SECRET });

    const result = await wecomCheck({ WECOM_BOT_ID: 'aib_check', WECOM_BOT_SECRET: SECRET, WECOM_WS_URL: fake.wsUrl }, smallDepartment('{ wecom: { chatid: wrkWork } }', [LIN, { id: 'wang', name: '王芳', roles: ['reporter'], identities: '{ wecom: { userid: WangFang } }' }]));

    expect(result.stdout.trim().split('\n').at(-1)).toBe('全部通过。用 CREDIT_CHANNEL=wecom npm start 启动机器人。');
    expect(result.code).toBe(0);
  });

  it('a refused secret: says where to copy the Bot ID and Secret from, never prints the secret, exits 1', async () => {
    const fake = await wecom({ botId: 'aib_check', secret: SECRET });

    const result = await wecomCheck({ WECOM_BOT_ID: 'aib_check', WECOM_BOT_SECRET: 'a-wrong-secret-42', WECOM_WS_URL: fake.wsUrl });

    expect(result.stdout).toMatch(/✗ 长连接：企业微信拒绝了这组 Bot ID \/ Secret（Authentication failed: invalid secret \(code: 40001\)）。.*WECOM_BOT_ID、WECOM_BOT_SECRET/);
    expect(result.stdout + result.stderr).not.toContain('a-wrong-secret-42');
    expect(result.code).toBe(1);
  });

  it('a missing variable is named, and nothing is connected', async () => {
    const result = await wecomCheck({ WECOM_BOT_ID: 'aib_check', WECOM_BOT_SECRET: '' });

    expect(result.stdout).toMatch(/^✗ 环境变量：配置错误：CREDIT_CHANNEL=wecom 需要环境变量 WECOM_BOT_SECRET/);
    expect(result.code).toBe(1);
  });
});

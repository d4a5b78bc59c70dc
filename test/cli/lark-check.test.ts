import { describe, expect, it } from 'vitest';
import { freshAppId, startFakeFeishu, type FakeFeishu } from '../helpers/fake-feishu';
import { closedAfterEach } from '../helpers/harness-registry';
import { runCheck, type CliResult } from '../helpers/run-cli';
import { smallDepartment } from '../helpers/small-department';

const appSecret = 'lark-check-secret-0123456789';
/** A small department: 林晓燕 by open_id, 王芳 by mobile, 周敏 by e-mail, one work group. */
const ORG = smallDepartment('{ lark: { chat_id: oc_work } }', [
  { id: 'lin', name: '林晓燕', roles: ['head', 'admin'], identities: '{ lark: { open_id: ou_lin } }' },
  { id: 'wang', name: '王芳', roles: ['reporter'], identities: '{ lark: { mobile: "13800000011" } }' },
  { id: 'zhou', name: '周敏', roles: ['staff'], identities: '{ lark: { email: zhou.min@example.com } }' },
]);

/** A fake Feishu for the test, closed after it. */
const feishu = closedAfterEach(startFakeFeishu);

/** A fake Feishu where everything is as org.yaml says, for a test to spoil. */
async function correctApp(): Promise<FakeFeishu> {
  const fake = await feishu({ appId: freshAppId(), appSecret });
  fake.directory.users.push({ openId: 'ou_feishu_wang', mobile: '13800000011' }, { openId: 'ou_feishu_zhou', email: 'zhou.min@example.com' });
  fake.directory.chats.push({ chatId: 'oc_work', name: '信用工作群' });
  return fake;
}

function larkCheck(fake: FakeFeishu, env: NodeJS.ProcessEnv = {}, org = ORG): Promise<CliResult> {
  return runCheck('lark:check', org, { LARK_APP_ID: fake.appId, LARK_APP_SECRET: appSecret, LARK_DOMAIN: fake.domain, ...env });
}

describe('npm run lark:check', () => {
  it('passes a correct setup, prints the open_ids found by mobile and e-mail, and names a chat org.yaml lacks', async () => {
    const fake = await correctApp();
    fake.directory.chats.push({ chatId: 'oc_tea', name: '茶水间' });

    const { code, stdout } = await larkCheck(fake);

    expect(stdout).toBe(
      [
        `飞书应用配置检查：${fake.appId}（${fake.domain}）`,
        `✓ 环境变量：LARK_APP_ID=${fake.appId}，LARK_APP_SECRET 已设置（不显示）`,
        '✓ 凭证：App ID 与 App Secret 正确，已取得 tenant_access_token',
        `✓ 机器人：信用助手，open_id ${fake.botOpenId}`,
        '✓ 群「信用工作群」（chat_id oc_work）：机器人在群中',
        '  机器人还在 1 个 org.yaml 没有登记的群中；如是工作群，请把 chat_id 写入 org.yaml 的 groups：',
        '  · 茶水间：lark: { chat_id: oc_tea }',
        '✓ 人员：3 人有 open_id（1 人写在 org.yaml 中，2 人按手机号或邮箱查到）',
        '  · 王芳（wang）按手机号 13800000011 查到 open_id ou_feishu_wang；可写入 org.yaml 此人的 identities：lark: { open_id: ou_feishu_wang }（不写也行，机器人启动时会再查）',
        '  · 周敏（zhou）按邮箱 zhou.min@example.com 查到 open_id ou_feishu_zhou；可写入 org.yaml 此人的 identities：lark: { open_id: ou_feishu_zhou }（不写也行，机器人启动时会再查）',
        '全部通过。用 CREDIT_CHANNEL=lark npm start 启动机器人。',
        '',
      ].join('\n'),
    );
    expect(code).toBe(0);
  });

  it('a wrong App Secret: says Feishu refused the pair, links 凭证与基础信息, never prints the secret', async () => {
    const fake = await correctApp();

    const { code, stdout } = await larkCheck(fake, { LARK_APP_SECRET: 'typed-it-wrong-0000' });

    expect(code).toBe(1);
    expect(stdout).toContain(
      `✗ 凭证：飞书拒绝了这组 App ID / App Secret（错误码 10014：app secret invalid）。请到 ${fake.domain}/app/${fake.appId}/baseinfo（凭证与基础信息）复制 App ID 和 App Secret，重新设置 LARK_APP_ID、LARK_APP_SECRET。`,
    );
    expect(stdout).toContain('其余检查需要有效的凭证，已跳过。');
    expect(stdout).not.toContain('typed-it-wrong');
    expect(stdout).not.toContain(appSecret);
  });

  it('the bot not in the group, someone outside the availability scope, people without an account: each with its fix', async () => {
    const fake = await correctApp();
    fake.directory.chats.splice(0, 1, { chatId: 'oc_other', name: '另一个群' });
    fake.directory.users[0]!.outsideAvailability = true;
    const withNewcomers = `${ORG}
  - { id: gao, name: 高雅, sections: [system], roles: [staff] }
  - { id: zhao, name: 赵磊, sections: [system], roles: [staff] }
`;

    const { code, stdout } = await larkCheck(fake, {}, withNewcomers);

    expect(code).toBe(1);
    const consoleUrl = `${fake.domain}/app/${fake.appId}`;
    expect(stdout).toContain(
      '✗ 群「信用工作群」（chat_id oc_work）：机器人不在这个群里。请在飞书中打开该群 → 群设置 → 群机器人 → 添加机器人，选择「信用助手」；若 org.yaml 中的 chat_id 写错了，请改成下面列出的正确 chat_id。',
    );
    expect(stdout).toContain('  · 另一个群：lark: { chat_id: oc_other }');
    expect(stdout).toContain(
      `✗ 人员 王芳（wang）：飞书按手机号 13800000011 找不到此人。可能此人不在应用的可用范围内：请在 ${consoleUrl} → 版本管理与发布 → 可用范围 中加入此人（或其部门）并发布新版本；也可能 org.yaml 中此人的手机号或邮箱有误，请核对。`,
    );
    expect(stdout).toContain('✓ 人员：2 人有 open_id（1 人写在 org.yaml 中，1 人按手机号或邮箱查到）');
    expect(stdout).toContain('✗ 人员：2 人在 org.yaml 中没有飞书账号，机器人无法私聊或 @ 他们：高雅（gao）、赵磊（zhao）。请在每人的 identities 中写上 lark: { mobile: "手机号" }（或 email、open_id）。');
    expect(stdout).toContain('有 3 项未通过。');
  });

  it('missing scopes: names the scope to enable under 权限管理 for the chat list and the people lookup', async () => {
    const fake = await correctApp();
    fake.directory.denyScope('GET /open-apis/im/v1/chats', 'im:chat:readonly');
    fake.directory.denyScope('POST /open-apis/contact/v3/users/batch_get_id', 'contact:user.id:readonly');

    const { code, stdout } = await larkCheck(fake);

    expect(code).toBe(1);
    const consoleUrl = `${fake.domain}/app/${fake.appId}`;
    expect(stdout).toContain(`✗ 群：应用缺少权限 im:chat:readonly（错误码 99991672）。请到 ${consoleUrl}/auth?q=im:chat:readonly（权限管理）开通，再到 版本管理与发布 中创建并发布新版本，权限才生效。`);
    expect(stdout).toContain(`✗ 人员：应用缺少权限 contact:user.id:readonly（错误码 99991672）。请到 ${consoleUrl}/auth?q=contact:user.id:readonly（权限管理）开通`);
    expect(stdout).toContain(`✓ 机器人：信用助手，open_id ${fake.botOpenId}`);
  });

  it('the bot capability not enabled: points to 添加应用能力 → 机器人', async () => {
    const fake = await correctApp();
    // Feishu does not document its exact answer here; any refusal of bot/v3/info gets this advice.
    fake.directory.failRoute('GET /open-apis/bot/v3/info', { status: 400, code: 10003, msg: 'bot not found' });

    const { code, stdout } = await larkCheck(fake);

    expect(code).toBe(1);
    expect(stdout).toContain(`✗ 机器人：取不到机器人信息（错误码 10003：bot not found）。请在 ${fake.domain}/app/${fake.appId} → 添加应用能力 → 机器人 中启用机器人能力`);
  });

  it('without LARK_APP_ID: names the variable and where to find it', async () => {
    const fake = await correctApp();

    const { code, stdout } = await larkCheck(fake, { LARK_APP_ID: '' });

    expect(code).toBe(1);
    expect(stdout).toContain('✗ 环境变量：配置错误：CREDIT_CHANNEL=lark 需要环境变量 LARK_APP_ID（飞书开发者后台 https://open.feishu.cn/app → 你的应用 → 凭证与基础信息）');
    expect(fake.directory.batchGetIdCalls).toEqual([]);
  });
});

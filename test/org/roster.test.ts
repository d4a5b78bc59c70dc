import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRoster } from '../../src/org/roster';
import { StartupError } from '../../src/startup-error';
import { tempDir } from '../helpers/temp-dir';

const MINIMAL = `department:
  name: 测试局
  bot_name: 信用助手
groups:
  - id: main
    name: 工作群
sections:
  - id: system
    name: 体系建设科
    coordinator: true
people:
  - id: lin
    name: 林一
    sections: [system]
    roles: [head, admin]
  - id: xu
    name: 许二
    sections: [system]
    roles: [reporter]
`;

function orgFile(content: string): string {
  const file = path.join(tempDir(), 'org.yaml');
  writeFileSync(file, content);
  return file;
}

function loadError(content: string): string {
  try {
    loadRoster(orgFile(content));
  } catch (error) {
    expect(error).toBeInstanceOf(StartupError);
    return (error as Error).message;
  }
  throw new Error('expected the file to be refused');
}

describe('the sample department (data/org.yaml)', () => {
  const roster = loadRoster('data/org.yaml');

  it('has the sections of the 历城 plan with the coordinator', () => {
    expect(roster.sections.map((s) => s.name)).toEqual(
      expect.arrayContaining(['办公室', '组织人事科', '商事登记项目审批服务科', '社会事务项目审批服务科', '建设项目审批服务科', '政务服务体系建设指导科', '监督考核科', '综合受理窗口']),
    );
    expect(roster.coordinator.name).toBe('政务服务体系建设指导科');
  });

  it('gives every section a head and a reporter, and the coordinator staff are admins', () => {
    for (const section of roster.sections) {
      expect(roster.membersWithRole(section.id, 'head').length, section.name).toBeGreaterThan(0);
      expect(roster.membersWithRole(section.id, 'reporter').length, section.name).toBeGreaterThan(0);
    }
    expect(roster.admins().every((a) => a.sections.includes(roster.coordinator.id))).toBe(true);
  });

  it('finds sections by short name', () => {
    expect(roster.findSection('体系科')?.id).toBe('system');
    expect(roster.findSection('商事登记科')?.id).toBe('commerce');
  });

  it('has someone who reports for two sections', () => {
    expect(roster.people.some((p) => p.roles.includes('reporter') && p.sections.length > 1)).toBe(true);
  });
});

describe('identities: a channel turns platform ids into roster ids', () => {
  const roster = loadRoster('data/org.yaml');

  it('loads each person\'s accounts per platform from the file', () => {
    expect(roster.person('wang-fang')?.identities).toEqual({
      lark: { open_id: 'ou_wang_fang', mobile: '13800000011', email: 'wang.fang@example.com' },
      wechat: { name: '王芳', alias: 'wangfang_sj' },
      wecom: { userid: 'WangFang' },
    });
    expect(roster.person('song-jia')?.identities).toEqual({});
  });

  it('finds a person by the fields that identify a sender on that platform', () => {
    expect(roster.identifyPerson('lark', 'ou_wang_fang')?.id).toBe('wang-fang');
    expect(roster.identifyPerson('wechat', 'wangfang_sj')?.id).toBe('wang-fang');
    expect(roster.identifyPerson('wechat', '何静')?.id).toBe('he-jing');
    expect(roster.identifyPerson('wecom', 'WangFang')?.id).toBe('wang-fang');
    expect(roster.identifyGroup('wecom', 'wrkSampleCreditGroup')?.id).toBe('main');
  });

  it('knows nobody by an unknown id, another platform\'s id, a contact field or a roster id', () => {
    expect(roster.identifyPerson('lark', 'ou_nobody')).toBeUndefined();
    expect(roster.identifyPerson('lark', 'wangfang_sj')).toBeUndefined();
    expect(roster.identifyPerson('lark', '13800000011')).toBeUndefined();
    expect(roster.identifyPerson('lark', 'wang-fang')).toBeUndefined();
    expect(roster.identifyPerson('telegram', 'ou_wang_fang')).toBeUndefined();
  });

  it('prefers a WeChat alias to a display name', () => {
    const twoNames = MINIMAL.replace('roles: [head, admin]', 'roles: [head, admin]\n    identities: { wechat: { name: 小许 } }').replace(
      'roles: [reporter]',
      'roles: [reporter]\n    identities: { wechat: { alias: 小许 } }',
    );
    expect(loadRoster(orgFile(twoNames)).identifyPerson('wechat', '小许')?.id).toBe('xu');
  });

  it('finds a group by its platform chat id', () => {
    expect(roster.identifyGroup('lark', 'oc_sample_credit_group')?.id).toBe('main');
    expect(roster.identifyGroup('wechat', '信用体系建设工作群')?.id).toBe('main');
    expect(roster.identifyGroup('lark', 'oc_other_group')).toBeUndefined();
    expect(roster.identifyGroup('lark', 'main')).toBeUndefined();
  });
});

describe('a malformed org file is refused with file, line and field', () => {
  it('accepts the minimal valid file', () => {
    expect(loadRoster(orgFile(MINIMAL)).people).toHaveLength(2);
  });

  it('names an unknown role', () => {
    const message = loadError(MINIMAL.replace('roles: [reporter]', 'roles: [boss]'));
    expect(message).toMatch(/org\.yaml 第 19 行，字段 people\[1\]\.roles\[0\]：.*"reporter"/);
  });

  it('names a reference to a section that does not exist', () => {
    expect(loadError(MINIMAL.replace('sections: [system]\n    roles: [reporter]', 'sections: [nowhere]\n    roles: [reporter]'))).toMatch(
      /第 18 行，字段 people\[1\]\.sections\[0\]：科室 nowhere 不存在/,
    );
  });

  it('names a missing field at its parent', () => {
    expect(loadError(MINIMAL.replace('    name: 许二\n', ''))).toMatch(/第 16 行，字段 people\[1\]\.name/);
  });

  it('requires a head and a reporter in every section', () => {
    expect(loadError(MINIMAL.replace('roles: [reporter]', 'roles: [staff]'))).toMatch(/科室“体系建设科”没有专人（reporter）/);
  });

  it('refuses duplicate ids and YAML syntax errors', () => {
    expect(loadError(MINIMAL.replace('id: xu', 'id: lin'))).toMatch(/第 16 行，字段 people\[1\]\.id：人员标识 lin 重复/);
    expect(loadError(MINIMAL.replace('roles: [reporter]', 'roles: [reporter'))).toMatch(/org\.yaml 第 \d+ 行：YAML 格式错误/);
  });

  it('refuses an invalid mobile number and unknown keys', () => {
    expect(loadError(MINIMAL.replace('roles: [reporter]', 'roles: [reporter]\n    identities: { lark: { mobile: "123" } }'))).toMatch(/people\[1\]\.identities\.lark\.mobile：应为 11 位手机号/);
    expect(loadError(MINIMAL.replace('roles: [reporter]', 'roles: [reporter]\n    identities: { qq: { id: "1" } }'))).toMatch(/字段 people\[1\]\.identities：.*qq/);
    expect(loadError(MINIMAL.replace('roles: [reporter]', 'roles: [reporter]\n    phone: "13800000000"'))).toMatch(/字段 people\[1\]：.*phone/);
  });

  it('refuses one account given to two people: one could act as the other', () => {
    const shared = MINIMAL.replace('roles: [head, admin]', 'roles: [head, admin]\n    identities: { lark: { open_id: ou_same } }').replace(
      'roles: [reporter]',
      'roles: [reporter]\n    identities: { lark: { open_id: ou_same } }',
    );
    expect(loadError(shared)).toMatch(/字段 people\[1\]\.identities\.lark\.open_id：账号 lark\.open_id“ou_same”已登记给“林一”/);
  });

  it('says when the file cannot be read', () => {
    expect(() => loadRoster('/nonexistent/org.yaml')).toThrow(/无法读取文件 \/nonexistent\/org\.yaml：ENOENT/);
  });
});

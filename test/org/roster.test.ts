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

  it('finds sections by short name and people by platform identity', () => {
    expect(roster.findSection('体系科')?.id).toBe('system');
    expect(roster.findSection('商事登记科')?.id).toBe('commerce');
    expect(roster.findBySender('lark', 'ou_wang_fang')?.name).toBe('王芳');
    expect(roster.findBySender('wechat', 'wangfang_sj')?.name).toBe('王芳');
    expect(roster.findBySender('wechat', '何静')?.id).toBe('he-jing');
    expect(roster.findBySender('console', 'wang-fang')?.name).toBe('王芳');
    expect(roster.findBySender('lark', 'wang-fang')).toBeUndefined();
    expect(roster.groupForChat('lark', 'oc_sample_credit_group')?.id).toBe('main');
  });

  it('has someone who reports for two sections', () => {
    expect(roster.people.some((p) => p.roles.includes('reporter') && p.sections.length > 1)).toBe(true);
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
    expect(loadError(MINIMAL.replace('roles: [reporter]', 'roles: [reporter]\n    lark: { mobile: "123" }'))).toMatch(/people\[1\]\.lark\.mobile：应为 11 位手机号/);
    expect(loadError(MINIMAL.replace('roles: [reporter]', 'roles: [reporter]\n    phone: "13800000000"'))).toMatch(/字段 people\[1\]：.*phone/);
  });

  it('says when the file cannot be read', () => {
    expect(() => loadRoster('/nonexistent/org.yaml')).toThrow(/无法读取文件 \/nonexistent\/org\.yaml：ENOENT/);
  });
});

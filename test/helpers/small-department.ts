export interface DepartmentMember {
  id: string;
  name: string;
  roles: string[];
  /** The person's platform accounts, as a YAML flow map, e.g. `{ lark: { open_id: ou_lin } }`. */
  identities?: string;
}

/**
 * The org.yaml of a small department (测试局) for a test: one section, 体系建设科, with `people` in
 * it, and its work group 信用工作群 with the platform ids `groupIdentities` (a YAML flow map).
 * People can be appended as further `  - { … }` lines.
 */
export function smallDepartment(groupIdentities: string, people: DepartmentMember[]): string {
  return [
    'department: { name: 测试局, bot_name: 信用助手 }',
    'groups:',
    '  - id: main',
    '    name: 信用工作群',
    '    main: true',
    `    identities: ${groupIdentities}`,
    'sections:',
    '  - id: system',
    '    name: 体系建设科',
    '    coordinator: true',
    'people:',
    ...people.map((p) => `  - { id: ${p.id}, name: ${p.name}, sections: [system], roles: [${p.roles.join(', ')}]${p.identities ? `, identities: ${p.identities}` : ''} }`),
    '',
  ].join('\n');
}

import { z } from '../zod';
import { groupIdentities, identityValues, personIdentities, type Identities } from './identities';

export const ROLES = ['admin', 'head', 'reporter', 'staff'] as const;
export type Role = (typeof ROLES)[number];

const id = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, '应为小写字母开头、由小写字母、数字和连字符组成的标识，例如 wang-fang');

const person = z
  .object({
    id,
    name: z.string().min(1),
    sections: z.array(id).min(1, '每人至少属于一个科室'),
    roles: z.array(z.enum(ROLES)).min(1, '至少要有一个角色：admin / head / reporter / staff'),
    /** Accounts on each chat platform (see identities.ts); none for the console and simulate. */
    identities: personIdentities.default({}),
  })
  .strict();

const section = z
  .object({
    id,
    name: z.string().min(1),
    aliases: z.array(z.string().min(1)).default([]),
    coordinator: z.boolean().default(false),
  })
  .strict();

const group = z
  .object({
    id,
    name: z.string().min(1),
    main: z.boolean().default(false),
    identities: groupIdentities.default({}),
  })
  .strict();

export const orgSchema = z
  .object({
    department: z
      .object({
        name: z.string().min(1),
        bot_name: z.string().min(1),
        /** Who signs the monthly ranking notice (通报); the department itself when omitted. */
        notice_issuer: z.string().min(1).optional(),
      })
      .strict(),
    groups: z.array(group).min(1, '至少要配置一个工作群'),
    sections: z.array(section).min(1, '至少要配置一个科室'),
    people: z.array(person).min(1, '至少要配置一个人员'),
  })
  .strict()
  .superRefine((org, ctx) => {
    const fail = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });

    reportDuplicates(org.sections.map((s) => s.id), (i, v) => fail(['sections', i, 'id'], `科室标识 ${v} 重复`));
    reportDuplicates(
      org.sections.flatMap((s, i) => [s.name, ...s.aliases].map((name) => ({ name, i }))).map((x) => x.name),
      (_, v) => fail(['sections'], `科室名称或简称“${v}”重复，无法区分`),
    );
    reportDuplicates(org.people.map((p) => p.id), (i, v) => fail(['people', i, 'id'], `人员标识 ${v} 重复`));
    reportDuplicates(org.groups.map((g) => g.id), (i, v) => fail(['groups', i, 'id'], `群标识 ${v} 重复`));

    // One account for two people (or chats) would let one act as the other.
    const accountOwners = (items: { name: string; identities: Identities }[], what: 'people' | 'groups') => {
      const owners = new Map<string, number>();
      items.forEach((item, i) =>
        identityValues(item.identities).forEach(({ channel, field, value }) => {
          const key = `${channel}.${field}=${value}`;
          const owner = owners.get(key);
          if (owner === undefined) owners.set(key, i);
          else fail([what, i, 'identities', channel, field], `账号 ${channel}.${field}“${value}”已登记给“${items[owner]!.name}”，无法分辨是谁`);
        }),
      );
    };
    accountOwners(org.people, 'people');
    accountOwners(org.groups, 'groups');

    const sectionIds = new Set(org.sections.map((s) => s.id));
    org.people.forEach((p, i) =>
      p.sections.forEach((s, j) => {
        if (!sectionIds.has(s)) fail(['people', i, 'sections', j], `科室 ${s} 不存在于 sections 中`);
      }),
    );

    const coordinators = org.sections.filter((s) => s.coordinator);
    if (coordinators.length !== 1) {
      fail(['sections'], `应恰好有一个牵头科室（coordinator: true），现有 ${coordinators.length} 个`);
    }
    if (org.groups.filter((g) => g.main).length > 1) fail(['groups'], '只能有一个主工作群（main: true）');
    if (!org.people.some((p) => p.roles.includes('admin'))) fail(['people'], '至少要有一名管理员（admin）');

    org.sections.forEach((s, i) => {
      const members = org.people.filter((p) => p.sections.includes(s.id));
      for (const role of ['head', 'reporter'] as const) {
        if (!members.some((p) => p.roles.includes(role))) {
          fail(['sections', i], `科室“${s.name}”没有${role === 'head' ? '科室负责人（head）' : '专人（reporter）'}`);
        }
      }
    });
  });

export type OrgFile = z.output<typeof orgSchema>;
export type Person = OrgFile['people'][number];
export type Section = OrgFile['sections'][number];
export type Group = OrgFile['groups'][number];

function reportDuplicates(values: string[], report: (index: number, value: string) => void): void {
  const seen = new Set<string>();
  values.forEach((v, i) => {
    if (seen.has(v)) report(i, v);
    seen.add(v);
  });
}

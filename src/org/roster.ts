import { loadYamlFile } from '../yaml-file';
import { identifyingFields, type Identities } from './identities';
import { orgSchema, type Group, type OrgFile, type Person, type Role, type Section } from './schema';
import { t } from '../prompts';

export const ROLE_LABELS: Record<Role, string> = {
  admin: t('role.admin'),
  head: t('role.head'),
  reporter: t('role.reporter'),
  staff: t('role.staff'),
};

/** The department as the bot sees it: who is who, in which section, reachable where. */
export class Roster {
  readonly department: OrgFile['department'];
  readonly people: readonly Person[];
  readonly sections: readonly Section[];
  readonly groups: readonly Group[];
  readonly mainGroup: Group;
  readonly coordinator: Section;
  readonly #peopleById: Map<string, Person>;
  readonly #sectionsById: Map<string, Section>;

  constructor(org: OrgFile) {
    this.department = org.department;
    this.people = org.people;
    this.sections = org.sections;
    this.groups = org.groups;
    this.mainGroup = org.groups.find((g) => g.main) ?? org.groups[0]!;
    this.coordinator = org.sections.find((s) => s.coordinator)!;
    this.#peopleById = new Map(org.people.map((p) => [p.id, p]));
    this.#sectionsById = new Map(org.sections.map((s) => [s.id, s]));
  }

  get botName(): string {
    return this.department.bot_name;
  }

  person(id: string): Person | undefined {
    return this.#peopleById.get(id);
  }

  /** Everyone whose id or name is exactly `key` (names can repeat in a real department). */
  findPeople(key: string): Person[] {
    const byId = this.#peopleById.get(key);
    if (byId) return [byId];
    return this.people.filter((p) => p.name === key);
  }

  /**
   * The person a chat platform knows by `platformId`: a channel calls this at its edge, so the core
   * only ever sees roster ids. Tries the platform's identifying fields in order (identities.ts).
   */
  identifyPerson(channel: string, platformId: string): Person | undefined {
    return findByIdentity(this.people, identifyingFields(channel, 'person'), channel, platformId);
  }

  section(id: string): Section | undefined {
    return this.#sectionsById.get(id);
  }

  /** A section by id, full name or any alias (科室 are usually called by their short names). */
  findSection(key: string): Section | undefined {
    return this.sections.find((s) => s.id === key || s.name === key || s.aliases.includes(key));
  }

  group(id: string): Group | undefined {
    return this.groups.find((g) => g.id === id);
  }

  /** The org group behind a platform's chat id, for the channel to pass on as a group id. */
  identifyGroup(channel: string, platformChatId: string): Group | undefined {
    return findByIdentity(this.groups, identifyingFields(channel, 'group'), channel, platformChatId);
  }

  sectionsOf(person: Person): Section[] {
    return person.sections.map((id) => this.#sectionsById.get(id)!);
  }

  membersWithRole(sectionId: string, role: Role): Person[] {
    return this.people.filter((p) => p.sections.includes(sectionId) && p.roles.includes(role));
  }

  admins(): Person[] {
    return this.people.filter((p) => p.roles.includes('admin'));
  }

  /** "林晓燕、许文博、高雅": whom to contact, as messages name them. */
  adminNames(): string {
    return this.admins().map((a) => a.name).join('、');
  }

  /** "王芳（商事登记项目审批服务科 专人）" — how the bot introduces someone. */
  describe(person: Person): string {
    const sections = this.sectionsOf(person).map((s) => s.name).join('、');
    const roles = person.roles.map((r) => ROLE_LABELS[r]).join('、');
    return `${person.name}（${sections} ${roles}）`;
  }
}

export function loadRoster(file: string): Roster {
  return new Roster(loadYamlFile(file, orgSchema));
}

/** The first item whose account on `channel` has `value` in one of `fields`, trying the fields in order. */
function findByIdentity<T extends { identities: Identities }>(items: readonly T[], fields: readonly string[], channel: string, value: string): T | undefined {
  for (const field of fields) {
    const found = items.find((item) => item.identities[channel]?.[field] === value);
    if (found) return found;
  }
  return undefined;
}

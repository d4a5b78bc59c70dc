import { readFileSync } from 'node:fs';
import { parse, parseDocument, stringify } from 'yaml';
import type { z } from 'zod';
import type { orgSchema } from '../org/schema';

/** org.yaml as written, before the schema fills in defaults. */
type OrgInput = z.input<typeof orgSchema>;

/** The sample department and its tasks: a generated department is made of copies of its sections. */
const SAMPLE_ORG = 'data/org.yaml';
const SAMPLE_TASKS = 'data/tasks.yaml';

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈'];
const GIVEN_NAMES = ['芳', '伟', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '建华', '文博', '晓燕', '思远', '浩然', '雅琴', '志刚', '丽华', '晓雯', '建国', '宇', '佳', '帆', '欣怡', '子涵', '一鸣', '海燕', '春梅'];

export interface DepartmentFiles {
  /** org.yaml in its documented schema (src/org/schema.ts). */
  org: string;
  /** tasks.yaml: the sample's tasks, owed by every copy of the sections that owe them in the sample. */
  tasks: string;
}

/**
 * A department of `sections` sections (at least the sample's 8): the sample's sections first, then
 * numbered copies of its non-coordinating ones in turn, each with a head and a reporter (every
 * third with a member of staff too); the coordinating section's head, reporter and staff member
 * are the admins. One work group. Names are distinct, as the roster's lookups by name assume.
 */
export function generateDepartment(sections: number): DepartmentFiles {
  const sample = parse(readFileSync(SAMPLE_ORG, 'utf8')) as OrgInput;
  if (sections < sample.sections.length) throw new Error(`a department has at least the sample's ${sample.sections.length} sections`);
  const copied = sample.sections.filter((s) => !s.coordinator);
  const kindOf = new Map(sample.sections.map((s) => [s.id, s.id]));
  const orgSections: OrgInput['sections'] = sample.sections.map((s) => ({ ...s }));
  for (let i = sample.sections.length; i < sections; i++) {
    const base = copied[(i - sample.sections.length) % copied.length]!;
    const id = `${base.id}-${i + 1}`;
    orgSections.push({ id, name: `${base.name}${i + 1}` });
    kindOf.set(id, base.id);
  }

  const names = personNames();
  const people: OrgInput['people'] = [];
  const person = (id: string, sectionId: string, roles: OrgInput['people'][number]['roles']) => people.push({ id, name: names.next().value!, sections: [sectionId], roles });
  orgSections.forEach((section, i) => {
    if (section.coordinator) {
      person(`${section.id}-head`, section.id, ['head', 'admin']);
      person(`${section.id}-reporter`, section.id, ['reporter', 'admin']);
      person(`${section.id}-staff`, section.id, ['staff', 'admin']);
      return;
    }
    person(`${section.id}-head`, section.id, ['head']);
    person(`${section.id}-reporter`, section.id, ['reporter']);
    if (i % 3 === 2) person(`${section.id}-staff`, section.id, ['staff']);
  });

  const org = {
    department: sample.department,
    groups: [{ id: 'main', name: sample.groups.find((g) => g.main)?.name ?? sample.groups[0]!.name, main: true }],
    sections: orgSections,
    people,
  };
  return { org: stringify(org), tasks: tasksFor(kindOf) };
}

/** The sample's tasks.yaml with each task's sections widened to every copy of them. */
function tasksFor(kindOf: Map<string, string>): string {
  const doc = parseDocument(readFileSync(SAMPLE_TASKS, 'utf8'));
  const tasks = doc.get('tasks') as { items: unknown[] };
  tasks.items.forEach((_, i) => {
    const owners = doc.getIn(['tasks', i, 'sections']);
    if (owners === 'all') return;
    const sampleIds = (doc.getIn(['tasks', i, 'sections']) as { toJSON(): string[] }).toJSON();
    const ids = [...kindOf].filter(([, kind]) => sampleIds.includes(kind)).map(([id]) => id);
    doc.setIn(['tasks', i, 'sections'], doc.createNode(ids, { flow: true }));
  });
  return doc.toString({ lineWidth: 0 });
}

/** Distinct two- or three-character names: every surname with the first given name, then the next. */
function* personNames(): Generator<string> {
  for (const given of GIVEN_NAMES) for (const surname of SURNAMES) yield `${surname}${given}`;
  throw new Error('ran out of generated names');
}

import type { Contact, Room, Wechaty } from 'wechaty';
import type { Roster } from '../../org/roster';
import type { Group, Person } from '../../org/schema';

/** The roster person behind a contact: by its alias (the bot account's remark for them), else its WeChat name. */
export async function personOfContact(roster: Roster, contact: Contact): Promise<Person | undefined> {
  const alias = await contact.alias();
  return (alias ? roster.identifyPerson('wechat', alias) : undefined) ?? roster.identifyPerson('wechat', contact.name());
}

/** One org group as WeChat has it: its room (found by topic), and the people with a WeChat identity not among its members. */
export interface GroupRoom {
  group: Group;
  topic?: string;
  room?: Room;
  notInRoom: Person[];
}

/**
 * Each org group's room, found by the topic org.yaml gives it, and who of the roster is missing
 * from it: the report the channel logs at login and `npm run wechat:check` prints. People without
 * any WeChat identity are listed apart, since no room can have them.
 */
export async function groupRooms(wechaty: Wechaty, roster: Roster): Promise<{ groups: GroupRoom[]; withoutIdentity: Person[] }> {
  const withIdentity = roster.people.filter((p) => p.identities.wechat?.alias || p.identities.wechat?.name);
  const groups: GroupRoom[] = [];
  for (const group of roster.groups) {
    const topic = group.identities.wechat?.topic;
    const room = topic ? ((await wechaty.Room.find({ topic })) ?? undefined) : undefined;
    if (!room) {
      groups.push({ group, ...(topic ? { topic } : {}), notInRoom: [] });
      continue;
    }
    const present = new Set<string>();
    for (const member of await room.memberAll()) {
      const person = await personOfContact(roster, member);
      if (person) present.add(person.id);
    }
    groups.push({ group, topic: topic!, room, notInRoom: withIdentity.filter((p) => !present.has(p.id)) });
  }
  return { groups, withoutIdentity: roster.people.filter((p) => !withIdentity.includes(p)) };
}

import { clip } from '../clip';
import type { DeliveryProblem } from '../model/delivery-problem';
import { addressKey, type Address, type Outgoing } from '../model/message';
import type { PlannedMessage } from '../model/planned-message';
import type { Roster } from '../org/roster';
import { t } from '../prompts';
import { monthOf } from '../tasks/period';

/** Why a message was given up: what the platform said, or a day of failed tries. */
export type UndeliveredReason = DeliveryProblem | 'gave_up';

const KEY_PREFIX = 'delivery-problem|';

/** The admins' notice about an undelivered message: never itself the subject of a notice. */
export function isDeliveryNotice(keys: readonly string[]): boolean {
  return keys.some((k) => k.startsWith(KEY_PREFIX));
}

/**
 * A direct message to each admin saying which chat could not be reached, what the platform said
 * and how to fix it. Keyed by the chat, the reason and the month, so the outbox sends it once: the
 * next reminder that fails the same way, or a restart, tells no one again. Only admins' direct
 * chats, since the notice names people; an admin who is the unreachable one is not written to.
 */
export function deliveryNotices(undelivered: Outgoing, reason: UndeliveredReason, code: string | undefined, now: Date, roster: Roster): PlannedMessage[] {
  const { to } = undelivered;
  const key = `${KEY_PREFIX}${addressKey(to)}|${reason}|${monthOf(now)}`;
  const text = [
    t('delivery.title', { who: who(to, roster) }),
    t('delivery.what', { summary: summary(undelivered) }),
    t('delivery.said', { said: said(reason) }) + (code ? t('delivery.code', { code }) : ''),
    t('delivery.fix', { fix: fix(reason, roster.botName) }),
    t('delivery.once'),
  ].join('\n');
  return roster
    .admins()
    .filter((admin) => !(to.kind === 'direct' && to.personId === admin.id))
    .map((admin) => ({ keys: [`${key}|${admin.id}`], message: { to: { kind: 'direct', personId: admin.id }, mentions: [], content: { text } } }));
}

function who(to: Address, roster: Roster): string {
  switch (to.kind) {
    case 'group':
      return t('delivery.who_group', { group: roster.group(to.groupId)?.name ?? to.groupId });
    case 'direct':
      return t('delivery.who_person', { person: roster.person(to.personId)?.name ?? to.personId });
    case 'chat':
      return t('delivery.who_chat', { chat: to.chatId });
  }
}

/** The message as the admin recognises it: a card's title, a text's first line, a file's name. */
function summary({ content }: Outgoing): string {
  if ('card' in content) return clip(content.card.title);
  if ('file' in content) return clip(content.file.name);
  return clip(content.text.split('\n')[0] ?? '');
}

function said(reason: UndeliveredReason): string {
  switch (reason) {
    case 'not_in_chat':
      return t('delivery.said.not_in_chat');
    case 'outside_availability':
      return t('delivery.said.outside_availability');
    case 'blocked':
      return t('delivery.said.blocked');
    case 'content_rejected':
      return t('delivery.said.content_rejected');
    case 'no_account':
      return t('delivery.said.no_account');
    case 'other':
      return t('delivery.said.other');
    case 'gave_up':
      return t('delivery.said.gave_up');
  }
}

function fix(reason: UndeliveredReason, bot: string): string {
  switch (reason) {
    case 'not_in_chat':
      return t('delivery.fix.not_in_chat', { bot });
    case 'outside_availability':
      return t('delivery.fix.outside_availability');
    case 'blocked':
      return t('delivery.fix.blocked', { bot });
    case 'content_rejected':
      return t('delivery.fix.content_rejected');
    case 'no_account':
      return t('delivery.fix.no_account');
    case 'other':
      return t('delivery.fix.other');
    case 'gave_up':
      return t('delivery.fix.gave_up');
  }
}

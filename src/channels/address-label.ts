import type { Address } from '../model/message';
import type { Roster } from '../org/roster';
import { t } from '../prompts';

/** How a text channel names where a message went: 群聊「信用体系建设工作群」 / 私聊 王芳. */
export function addressLabel(address: Address, roster: Roster): string {
  switch (address.kind) {
    case 'group':
      return t('address.group', { group: roster.group(address.groupId)?.name ?? address.groupId });
    case 'direct':
      return t('address.direct', { person: roster.person(address.personId)?.name ?? address.personId });
    case 'chat':
      return address.chatType === 'group' ? t('address.group_chat', { chat: address.chatId }) : t('address.direct', { person: address.chatId.replace(/^dm:/, '') });
  }
}

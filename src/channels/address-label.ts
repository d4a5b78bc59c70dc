import type { Address } from '../core/message';
import type { Roster } from '../org/roster';

/** How a text channel names where a message went: 群聊「信用体系建设工作群」 / 私聊 王芳. */
export function addressLabel(address: Address, roster: Roster): string {
  switch (address.kind) {
    case 'group':
      return `群聊「${roster.group(address.groupId)?.name ?? address.groupId}」`;
    case 'direct':
      return `私聊 ${roster.person(address.personId)?.name ?? address.personId}`;
    case 'chat':
      return address.chatType === 'group' ? `群聊 ${address.chatId}` : `私聊 ${address.chatId.replace(/^dm:/, '')}`;
  }
}

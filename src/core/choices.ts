import type { Store } from '../store/store';
import type { Address, Button } from './message';

/** Chats are keyed the same way for what the bot sent and what it receives. */
export function chatKey(channel: string, address: Address): string {
  switch (address.kind) {
    case 'group':
      return `${channel}|group:${address.groupId}`;
    case 'direct':
      return `${channel}|dm:${address.personId}`;
    case 'chat':
      return `${channel}|${address.chatType}:${address.chatId}`;
  }
}

/**
 * Remembers the buttons of the card just sent to a chat, or forgets the previous ones when the
 * new message has none: a number typed later refers only to the bot's latest message there.
 */
export async function rememberButtons(store: Store, key: string, buttons: Button[] | undefined, now: Date): Promise<void> {
  if (!buttons?.length) {
    if (store.data.choices[key]) await store.update((db) => void delete db.choices[key]);
    return;
  }
  await store.update((db) => {
    db.choices[key] = { options: buttons, sentAt: now.toISOString() };
  });
}

/** The button value for a reply such as "1" or "１", if the chat's latest card had that button. */
export function pressedButton(store: Store, key: string, text: string): string | undefined {
  const digits = text.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (!/^\d{1,2}$/.test(digits)) return undefined;
  return store.data.choices[key]?.options[Number(digits) - 1]?.value;
}

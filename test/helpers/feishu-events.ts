/** Someone a Feishu message can @-mention: the bot or a member of the chat, by display name. */
export interface Mentionable {
  name: string;
  openId: string;
}

export interface TextMessageOptions {
  /** The sender's open_id. */
  from: string;
  chatId: string;
  chatType: 'group' | 'p2p';
  /** What the person typed, with "@名字" where they picked someone from the @ list. */
  text: string;
  /** Whom an "@名字" in the text can pick (the bot and the chat's members). */
  mentionable: Mentionable[];
  messageId: string;
  /** When the message was typed (Feishu's `create_time`). */
  at: Date;
}

/**
 * An `im.message.receive_v1` event as Feishu pushes it: the text with `@_user_N` placeholders in
 * place of each picked "@名字", the `mentions` array naming them (absent when nobody is
 * mentioned), ids in their Feishu forms.
 */
export function textMessageEvent(o: TextMessageOptions) {
  const mentions: Array<{ key: string; id: { union_id: string; user_id: string; open_id: string }; name: string; tenant_key: string }> = [];
  const names = [...o.mentionable].sort((a, b) => b.name.length - a.name.length);
  const text = names.length === 0 ? o.text : o.text.replace(new RegExp(`@(${names.map((m) => escapeRegExp(m.name)).join('|')})`, 'g'), (_, name: string) => {
    const who = names.find((m) => m.name === name)!;
    const key = `@_user_${mentions.length + 1}`;
    mentions.push({ key, id: { union_id: `on_${who.openId.slice(3)}`, user_id: who.openId.slice(3), open_id: who.openId }, name: who.name, tenant_key: TENANT });
    return key;
  });
  const time = String(o.at.getTime());
  return {
    sender: { sender_id: { union_id: `on_${o.from.slice(3)}`, user_id: o.from.slice(3), open_id: o.from }, sender_type: 'user', tenant_key: TENANT },
    message: {
      message_id: o.messageId,
      root_id: '',
      parent_id: '',
      create_time: time,
      update_time: time,
      chat_id: o.chatId,
      thread_id: '',
      chat_type: o.chatType,
      message_type: 'text',
      content: JSON.stringify({ text }),
      ...(mentions.length > 0 ? { mentions } : {}),
      user_agent: 'Mozilla/5.0 Lark/7.30.0',
    },
  };
}

const TENANT = 'fake-tenant';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A text message event written the way Feishu stores it: the text already carrying `@_user_N`
 * keys, and the mentions they stand for. For tests of the channel's own reading of mentions.
 */
export function keyedTextMessage(options: { from: string; chatId: string; chatType: 'group' | 'p2p'; text: string; mentions?: Array<{ key: string; openId: string; name: string }>; messageId?: string }) {
  return {
    sender: { sender_id: { open_id: options.from }, sender_type: 'user', tenant_key: TENANT },
    message: {
      message_id: options.messageId ?? 'om_in1',
      chat_id: options.chatId,
      chat_type: options.chatType,
      message_type: 'text',
      content: JSON.stringify({ text: options.text }),
      create_time: '1795500000000',
      mentions: (options.mentions ?? []).map((m) => ({ key: m.key, id: { open_id: m.openId }, name: m.name, tenant_key: TENANT })),
    },
  };
}

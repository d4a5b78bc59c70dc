import { t } from '../prompts';
import { z } from '../zod';

/**
 * How each chat platform knows people and groups, as data: the fields org.yaml may give under
 * `identities.<platform>`, which of them identify a sender or a chat (tried in order — a WeChat
 * alias is stable, a display name is not), and how 我是谁 shows them. Adding a platform is an
 * entry here; the roster and the core never name a platform.
 */
export const PLATFORMS = {
  lark: {
    person: z
      .object({
        open_id: z.string().min(1).optional(),
        mobile: z.string().regex(/^1\d{10}$/, '应为 11 位手机号，例如 "13800000001"（请加引号）').optional(),
        email: z.email('应为电子邮箱，例如 name@example.com').optional(),
      })
      .strict(),
    group: z.object({ chat_id: z.string().min(1) }).strict(),
    senderFields: ['open_id'],
    chatFields: ['chat_id'],
    labels: {
      open_id: (value: string) => t('identity.lark_open_id', { value }),
      mobile: (value: string) => t('identity.lark_mobile', { value }),
      email: (value: string) => t('identity.lark_email', { value }),
    },
  },
  wechat: {
    person: z
      .object({
        name: z.string().min(1).optional(),
        alias: z.string().min(1).optional(),
      })
      .strict(),
    group: z.object({ topic: z.string().min(1) }).strict(),
    senderFields: ['alias', 'name'],
    chatFields: ['topic'],
    labels: {
      alias: (value: string) => t('identity.wechat_alias', { value }),
      name: (value: string) => t('identity.wechat_name', { value }),
    },
  },
  wecom: {
    person: z.object({ userid: z.string().min(1) }).strict(),
    group: z.object({ chatid: z.string().min(1) }).strict(),
    senderFields: ['userid'],
    chatFields: ['chatid'],
    labels: {
      userid: (value: string) => t('identity.wecom_userid', { value }),
    },
  },
} as const;

export type Platform = keyof typeof PLATFORMS;

export const personIdentities = z
  .object({ lark: PLATFORMS.lark.person.optional(), wechat: PLATFORMS.wechat.person.optional(), wecom: PLATFORMS.wecom.person.optional() })
  .strict();

export const groupIdentities = z
  .object({ lark: PLATFORMS.lark.group.optional(), wechat: PLATFORMS.wechat.group.optional(), wecom: PLATFORMS.wecom.group.optional() })
  .strict();

/** A person's or group's accounts as plain data: platform → field → value. */
export type Identities = Partial<Record<string, Partial<Record<string, string>>>>;

function isPlatform(channel: string): channel is Platform {
  return Object.hasOwn(PLATFORMS, channel);
}

/** The fields that identify a sender (`kind: 'person'`) or a chat on `channel`; none for a channel without accounts. */
export function identifyingFields(channel: string, kind: 'person' | 'group'): readonly string[] {
  if (!isPlatform(channel)) return [];
  return kind === 'person' ? PLATFORMS[channel].senderFields : PLATFORMS[channel].chatFields;
}

/** Each registered account as a line for 我是谁 (飞书 open_id …, 微信号 …), in the file's order. */
export function describeIdentities(identities: Identities): string[] {
  return Object.entries(identities).flatMap(([channel, fields]) => {
    if (!isPlatform(channel) || !fields) return [];
    const labels: Partial<Record<string, (value: string) => string>> = PLATFORMS[channel].labels;
    return Object.entries(fields).flatMap(([field, value]) => (value && labels[field] ? [labels[field](value)] : []));
  });
}

/** Every (platform, field, value) a set of accounts holds, for the duplicate check at load. */
export function identityValues(identities: Identities): { channel: string; field: string; value: string }[] {
  return Object.entries(identities).flatMap(([channel, fields]) =>
    Object.entries(fields ?? {}).flatMap(([field, value]) => (value ? [{ channel, field, value }] : [])),
  );
}

import type { WechatyOptions } from 'wechaty';

/** A puppet instance, as wechaty takes one: the package configured, or a test's mock. */
export type WechatPuppet = Exclude<NonNullable<WechatyOptions['puppet']>, string>;

/** Puppets that reach WeChat through a paid service and need its token (WECHATY_PUPPET_SERVICE_TOKEN). */
const TOKEN_PUPPETS = ['wechaty-puppet-service'];

export function needsToken(puppet: string): boolean {
  return TOKEN_PUPPETS.includes(puppet);
}

/** Why the configured puppet cannot be used, in English for the log; the caller words it for people. */
export class PuppetLoadError extends Error {
  constructor(
    readonly puppet: string,
    readonly reason: 'not_installed' | 'not_a_puppet' | 'token_missing' | 'failed',
    detail: string,
  ) {
    super(`wechaty puppet ${puppet}: ${detail}`);
    this.name = 'PuppetLoadError';
  }
}

/**
 * Loads the puppet package by name and makes one, with the service token where it takes one, the
 * way wechaty would (its default export is the class) but with a failure that says which of
 * "not installed", "not a puppet" or "no token" it was.
 */
export async function loadPuppet(puppet: string, token: string | undefined): Promise<WechatPuppet> {
  if (needsToken(puppet) && !token) throw new PuppetLoadError(puppet, 'token_missing', 'needs WECHATY_PUPPET_SERVICE_TOKEN');
  let module: { default?: unknown };
  try {
    module = (await import(puppet)) as { default?: unknown };
  } catch (error) {
    const missing = (error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes(`'${puppet}'`);
    throw new PuppetLoadError(puppet, missing ? 'not_installed' : 'failed', (error as Error).message);
  }
  // CommonJS puppets arrive wrapped once more in `default`.
  let PuppetClass = module.default;
  if (typeof PuppetClass !== 'function' && PuppetClass && typeof (PuppetClass as { default?: unknown }).default === 'function') {
    PuppetClass = (PuppetClass as { default: unknown }).default;
  }
  if (typeof PuppetClass !== 'function') throw new PuppetLoadError(puppet, 'not_a_puppet', 'the package has no default export that is a puppet class');
  try {
    return new (PuppetClass as new (options: object) => WechatPuppet)(token ? { token } : {});
  } catch (error) {
    throw new PuppetLoadError(puppet, 'failed', (error as Error).message);
  }
}

/** Feishu's codes for an app without a permission: with a tenant token (99991672) or a user token (99991679). */
const MISSING_SCOPE_CODES = new Set([99991672, 99991679]);

/**
 * A call to the Feishu open platform that did not succeed: its `code` and `msg` as Feishu gave
 * them (no code when there was no answer at all), and, for a missing permission, the scopes Feishu
 * names — any one of them is enough.
 */
export class LarkApiError extends Error {
  override name = 'LarkApiError';
  constructor(
    readonly api: string,
    readonly code: number | undefined,
    readonly detail: string,
    readonly missingScopes: readonly string[],
  ) {
    super(`lark ${api} failed: ${code === undefined ? 'no answer' : `code ${code}`} ${detail}`.trim());
  }
}

interface LarkBody {
  code?: number;
  msg?: string;
  error?: { permission_violations?: Array<{ subject?: string }> };
}

/**
 * Runs one SDK call and returns Feishu's body when its code is 0. Feishu refuses with HTTP 4xx
 * (which the SDK throws as an axios error) or with HTTP 200 and a non-zero code; both become a
 * LarkApiError.
 */
export async function larkCall<T extends { code?: number; msg?: string }>(api: string, call: () => Promise<T>): Promise<T> {
  let body: T;
  try {
    body = await call();
  } catch (error) {
    const data = (error as { response?: { data?: unknown } }).response?.data;
    if (data && typeof data === 'object' && typeof (data as LarkBody).code === 'number') throw refusal(api, data as LarkBody);
    throw new LarkApiError(api, undefined, String((error as Error).message ?? error), []);
  }
  if (body.code !== 0) throw refusal(api, body);
  return body;
}

function refusal(api: string, body: LarkBody): LarkApiError {
  const code = body.code ?? -1;
  const detail = body.msg ?? '';
  return new LarkApiError(api, code, detail, MISSING_SCOPE_CODES.has(code) ? scopesNamed(body) : []);
}

/**
 * The scopes a missing-permission answer names: in `error.permission_violations` when Feishu
 * gives them, else the bracketed list in its message ("One of the following scopes is required:
 * [contact:user.employee_id:readonly, contact:user.id:readonly]").
 */
function scopesNamed(body: LarkBody): string[] {
  const subjects = (body.error?.permission_violations ?? []).flatMap((v) => (v.subject ? [v.subject] : []));
  if (subjects.length > 0) return [...new Set(subjects)];
  const listed = /\[([^\]]+)\]/.exec(body.msg ?? '')?.[1] ?? '';
  return listed.split(',').map((s) => s.trim()).filter((s) => /^[\w.-]+(:[\w.-]+)+$/.test(s));
}

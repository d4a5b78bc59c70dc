import { createCipheriv, createHash, randomBytes } from 'node:crypto';

/** What the bot's webhook answered: the HTTP status and the body, parsed when it is JSON. */
export interface WebhookReply {
  status: number;
  body: unknown;
}

export interface PostOptions {
  /** `valid` (default): signed with the app's Encrypt Key; `forged`: with another key; `none`: no signature headers. */
  signature?: 'valid' | 'forged' | 'none';
  /** Default true: the body is `{"encrypt": …}`; false sends the plain JSON, as an app without an Encrypt Key gets it. */
  encrypted?: boolean;
  /** The Verification Token the post carries; defaults to the app's. */
  token?: string;
}

export interface FeishuWebhook {
  /** The url_verification challenge Feishu posts when the request URL is saved in the console; it is not signed. */
  challenge(challenge: string, options?: Pick<PostOptions, 'encrypted' | 'token'>): Promise<WebhookReply>;
  /** A schema 2.0 event as Feishu posts it to the request URL. */
  postEvent(eventType: string, event: unknown, options?: PostOptions): Promise<WebhookReply>;
  /** Any request, for what Feishu never sends (another path, GET, an oversized body). */
  request(options: RequestOptions): Promise<WebhookReply>;
}

export interface RequestOptions {
  method?: string;
  path?: string;
  body?: string;
  headers?: Record<string, string>;
  /** Sends the body in 64 KB chunks without a Content-Length, so its size shows only as it arrives. */
  chunked?: boolean;
}

function inChunks(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, offset + 64 * 1024));
      offset += 64 * 1024;
    },
  });
}

/** Feishu's event encryption: AES-256-CBC with key sha256(Encrypt Key), sent as base64(iv ‖ ciphertext). */
export function encryptForFeishu(plain: string, encryptKey: string): string {
  const key = createHash('sha256').update(encryptKey).digest();
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

/** Feishu's X-Lark-Signature: sha256(timestamp + nonce + Encrypt Key + body), hex. */
export function signForFeishu(timestamp: string, nonce: string, encryptKey: string, body: string): string {
  return createHash('sha256').update(timestamp + nonce + encryptKey + body).digest('hex');
}

/**
 * Feishu's side of webhook mode: posts to the bot's request URL as the open platform does when
 * "将事件发送至开发者服务器" is chosen, with the app's Encrypt Key and Verification Token.
 */
export function feishuWebhook(app: { url: string; appId: string; encryptKey: string; verificationToken?: string }): FeishuWebhook {
  const target = new URL(app.url);
  let eventCounter = 0;

  async function request(options: RequestOptions): Promise<WebhookReply> {
    const response = await fetch(new URL(options.path ?? target.pathname, target), {
      method: options.method ?? 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...options.headers },
      ...(options.body !== undefined ? { body: options.chunked ? inChunks(options.body) : options.body, duplex: 'half' } : {}),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    return { status: response.status, body };
  }

  function wrap(payload: unknown, encrypted: boolean): string {
    const plain = JSON.stringify(payload);
    return encrypted ? JSON.stringify({ encrypt: encryptForFeishu(plain, app.encryptKey) }) : plain;
  }

  function signatureHeaders(body: string, signature: PostOptions['signature']): Record<string, string> {
    if (signature === 'none') return {};
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(8).toString('hex');
    const key = signature === 'forged' ? `${app.encryptKey}-not` : app.encryptKey;
    return { 'X-Lark-Request-Timestamp': timestamp, 'X-Lark-Request-Nonce': nonce, 'X-Lark-Signature': signForFeishu(timestamp, nonce, key, body) };
  }

  return {
    request,
    challenge(challenge, options = {}) {
      const body = wrap({ challenge, token: options.token ?? app.verificationToken ?? '', type: 'url_verification' }, options.encrypted ?? true);
      return request({ body });
    },
    postEvent(eventType, event, options = {}) {
      eventCounter += 1;
      const header = {
        event_id: `ev_fake_${eventCounter.toString().padStart(8, '0')}`,
        token: options.token ?? app.verificationToken ?? '',
        create_time: String(Date.now()),
        event_type: eventType,
        tenant_key: 'fake-tenant',
        app_id: app.appId,
      };
      const body = wrap({ schema: '2.0', header, event }, options.encrypted ?? true);
      return request({ body, headers: signatureHeaders(body, options.signature ?? 'valid') });
    },
  };
}

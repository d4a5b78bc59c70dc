import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from '../../logger';
import { z } from '../../zod';
import type { LarkEventSource } from './event-source';

/** Where Feishu posts events, and the keys that prove a post came from it (LarkConfig.webhook). */
export interface WebhookSettings {
  port: number;
  path: string;
  encryptKey: string;
  verificationToken?: string;
}

/** Feishu's events and card callbacks are a few KB; a body this large is not from Feishu. */
const MAX_BODY_BYTES = 1024 * 1024;

/** A post must arrive whole within this; a slow trickle must not hold a connection open. */
const REQUEST_TIMEOUT_MS = 10_000;

/** With an Encrypt Key set, Feishu sends every post as `{"encrypt": "<base64(iv ‖ AES-256-CBC)>"}`. */
const envelope = z.object({ encrypt: z.string().min(1) });

/** What the server itself reads of a decrypted post; the dispatcher gets the whole of it. */
const decrypted = z.looseObject({
  type: z.string().optional(),
  challenge: z.string().optional(),
  /** The Verification Token: at the top of the challenge (and of schema 1.0 events) … */
  token: z.string().optional(),
  /** … and in the header of schema 2.0 events. */
  header: z.looseObject({ token: z.string().optional() }).optional(),
});
type Decrypted = z.infer<typeof decrypted>;

interface Reply {
  status: number;
  body: unknown;
}

/** Every refusal looks the same from outside, so a prober learns nothing about which check failed. */
const REFUSED: Reply = { status: 401, body: { msg: 'refused' } };

/**
 * Events posted by Feishu to a public address (webhook mode), handed to the channel's dispatcher.
 *
 * The SDK's own `adaptDefault` is not used as the server: it never answers a post to another path,
 * lets a bad `encrypt` value escape as an unhandled rejection (which ends the process), buffers a
 * body of any size, answers a refused post with 200, and answers a plaintext challenge without any
 * check. The checks are therefore made here, as the official Go SDK makes them: the signature
 * sha256(timestamp + nonce + encryptKey + raw body) on every event; the challenge (which Feishu does
 * not sign) only when it decrypts with the Encrypt Key and carries the Verification Token.
 */
export class WebhookServer implements LarkEventSource {
  readonly #settings: WebhookSettings;
  readonly #log: Logger;
  readonly #cipher: lark.AESCipher;
  #server: Server | undefined;

  constructor(settings: WebhookSettings, log: Logger) {
    this.#settings = settings;
    this.#log = log;
    this.#cipher = new lark.AESCipher(settings.encryptKey);
  }

  /** The port listened on: the configured one, or the one the system chose for port 0. */
  get port(): number | undefined {
    const address = this.#server?.address();
    return address && typeof address === 'object' ? (address as AddressInfo).port : undefined;
  }

  open(dispatcher: lark.EventDispatcher, onReady: () => void): Promise<never> {
    const { port, path } = this.#settings;
    return new Promise<never>((_, reject) => {
      const server = createServer((req, res) => void this.#respond(req, res, dispatcher));
      server.requestTimeout = REQUEST_TIMEOUT_MS;
      server.on('error', (error) => reject(new Error(`lark webhook server on port ${port} (LARK_WEBHOOK_PORT) failed: ${error.message}`, { cause: error })));
      server.listen(port, () => {
        this.#log.info({ port: this.port, path }, `lark: webhook listening on :${this.port}${path}`);
        onReady();
      });
      this.#server = server;
    });
  }

  async close(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  async #respond(req: IncomingMessage, res: ServerResponse, dispatcher: lark.EventDispatcher): Promise<void> {
    let reply: Reply;
    try {
      reply = await this.#answer(req, dispatcher);
    } catch (error) {
      this.#log.error({ err: error }, 'lark: webhook failed to handle a post');
      reply = { status: 500, body: { msg: 'internal error' } };
    }
    // A body left unread (too large, wrong path) is not drained: the connection is closed instead.
    const close = !req.complete;
    res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...(close ? { connection: 'close' } : {}) });
    res.end(JSON.stringify(reply.body));
  }

  async #answer(req: IncomingMessage, dispatcher: lark.EventDispatcher): Promise<Reply> {
    const { path } = this.#settings;
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://localhost').pathname !== path) {
      return { status: 404, body: { msg: 'not found' } };
    }
    const raw = await readBody(req, MAX_BODY_BYTES);
    if (!raw) {
      this.#log.warn({ from: req.socket.remoteAddress, limit: MAX_BODY_BYTES }, 'lark: webhook refused a post larger than the limit');
      return { status: 413, body: { msg: 'body too large' } };
    }
    const payload = this.#decrypt(raw);
    if (!payload) return this.#refuse(req, 'not encrypted with the Encrypt Key');
    if (payload.type === 'url_verification') {
      if (!this.#tokenMatches(payload.token)) return this.#refuse(req, 'challenge with a wrong Verification Token');
      this.#log.info('lark: webhook answered the url_verification challenge');
      return { status: 200, body: { challenge: payload.challenge } };
    }
    if (!this.#signatureMatches(req.headers, raw)) return this.#refuse(req, 'missing or wrong X-Lark-Signature');
    if (!this.#tokenMatches(payload.header?.token ?? payload.token)) return this.#refuse(req, 'wrong Verification Token');
    // Checked and decrypted above; the dispatcher only routes it to the channel's handler.
    const result: unknown = await dispatcher.invoke(payload, { needCheck: false });
    return { status: 200, body: result ?? {} };
  }

  #decrypt(raw: Buffer): Decrypted | undefined {
    const body = envelope.safeParse(parseJson(raw.toString('utf8')));
    if (!body.success) return undefined;
    let plain: string;
    try {
      plain = this.#cipher.decrypt(body.data.encrypt);
    } catch {
      return undefined;
    }
    const parsed = decrypted.safeParse(parseJson(plain));
    return parsed.success ? parsed.data : undefined;
  }

  #signatureMatches(headers: IncomingHttpHeaders, raw: Buffer): boolean {
    const timestamp = headers['x-lark-request-timestamp'];
    const nonce = headers['x-lark-request-nonce'];
    const signature = headers['x-lark-signature'];
    if (typeof timestamp !== 'string' || typeof nonce !== 'string' || typeof signature !== 'string') return false;
    const expected = createHash('sha256').update(timestamp + nonce + this.#settings.encryptKey).update(raw).digest();
    const given = Buffer.from(signature, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** Without a configured Verification Token the signature alone vouches for the post. */
  #tokenMatches(token: string | undefined): boolean {
    const expected = this.#settings.verificationToken;
    if (expected === undefined) return true;
    if (token === undefined) return false;
    const digest = (s: string) => createHash('sha256').update(s).digest();
    return timingSafeEqual(digest(token), digest(expected));
  }

  #refuse(req: IncomingMessage, reason: string): Reply {
    this.#log.warn({ from: req.socket.remoteAddress, reason }, 'lark: webhook refused a post');
    return REFUSED;
  }
}

/** The whole body, or undefined as soon as it is known to exceed `limit` (the rest is not read). */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  return new Promise<Buffer | undefined>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.pause();
      resolve(undefined);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

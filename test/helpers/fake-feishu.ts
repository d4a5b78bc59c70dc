import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
// Importing the SDK registers its generated `pbbp2` protobuf classes in protobufjs' default root;
// the fake encodes and decodes frames with exactly those classes, so it cannot drift from the
// SDK's wire format (the SDK does not export them by name).
import '@larksuiteoapi/node-sdk';
import protobuf from 'protobufjs/minimal.js';
import { WebSocketServer, type WebSocket } from 'ws';

/** One long-connection frame, field for field as the SDK's pbbp2.Frame. */
export interface Frame {
  SeqID: number;
  LogID: number;
  /** The service id handed out in the connect URL; the SDK echoes it in its pings. */
  service: number;
  /** 0 = control (ping/pong), 1 = data (events and their acks). */
  method: number;
  headers: Array<{ key: string; value: string }>;
  payload?: Uint8Array;
}

interface FrameCodec {
  encode(frame: Frame): { finish(): Uint8Array };
  decode(bytes: Uint8Array): Frame;
}

const pbbp2 = (protobuf.roots['default'] as unknown as { pbbp2?: { Frame: FrameCodec } }).pbbp2;
if (!pbbp2) throw new Error('the Lark SDK no longer registers pbbp2 in protobufjs; the fake needs its own frame schema');
const frames = pbbp2.Frame;

const CONTROL = 0;
const DATA = 1;
const SERVICE_ID = 42;
/** Seconds, as Feishu sends them; the SDK multiplies by 1000 (both in the endpoint answer and in pongs). */
const CLIENT_CONFIG: ClientConfig = { PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 120, ReconnectNonce: 30 };

/** What Feishu tells the client about pings and reconnects (seconds), in the endpoint answer and in every pong. */
export interface ClientConfig {
  PingInterval: number;
  ReconnectCount: number;
  ReconnectInterval: number;
  /** The client waits a random part of this before reconnecting, so a gateway restart is not a stampede. */
  ReconnectNonce: number;
}

export interface FakeFeishuOptions {
  /** Overrides Feishu's defaults, e.g. a reconnect without delay for a test of a dropped socket. */
  clientConfig?: Partial<ClientConfig>;
}

/** What the client answered to one pushed event: its `code` (200 ok, 500 handler threw) and headers. */
export interface Ack {
  code: number;
  headers: Record<string, string>;
  /** The handler's return value, if any (the SDK sends it base64-encoded JSON). */
  data?: unknown;
}

export interface SentMessage {
  /** The id Feishu gave it (what a press of its buttons names). */
  messageId: string;
  receiveIdType: string;
  receiveId: string;
  msgType: string;
  content: unknown;
  uuid?: string;
  authorization: string | undefined;
}

/** A card the bot changed in place (PATCH im/v1/messages/:message_id). */
export interface CardUpdate {
  messageId: string;
  content: unknown;
}

/** A file the bot uploaded (im/v1/files), as the multipart form carried it. */
export interface UploadedFile {
  fileKey: string;
  fileType: string;
  fileName: string;
  bytes: Buffer;
}

export interface SendFailure {
  status: number;
  code: number;
  msg?: string;
  headers?: Record<string, string>;
}

export interface FakeFeishu {
  /** Pass as `domain` to lark.Client / lark.WSClient. */
  domain: string;
  appId: string;
  botOpenId: string;
  /** Messages the bot posted through im/v1/messages, in order. */
  sent: SentMessage[];
  /** Cards the bot updated in place, in order. */
  updates: CardUpdate[];
  /** Files the bot uploaded, in order. */
  files: UploadedFile[];
  /** The chat id Feishu gives the bot's direct chat with a user (what a press in it names). */
  directChatId(openId: string): string;
  /** Pings the client sent over the socket (each answered with a pong). */
  pings: number;
  /**
   * Makes the next send through im/v1/messages fail as Feishu would (e.g. HTTP 429 with code
   * 99991400 and `x-ogw-ratelimit-reset`); the failed send is not recorded.
   */
  failNextSend(failure: SendFailure): void;
  /** Resolves once a client holds an open long connection. */
  connected(): Promise<void>;
  /**
   * Pushes an event (schema 2.0) over the long connection, split into `fragments` data frames
   * (Feishu splits large payloads; the SDK reassembles by message_id/sum/seq), and resolves with
   * the client's ack frame.
   */
  pushEvent(eventType: string, event: unknown, options?: { fragments?: number }): Promise<Ack>;
  /** The contact directory and the bot's chats (see the block at the end of this file). */
  directory: FakeDirectory;
  close(): Promise<void>;

  // ── Connection faults ──
  /**
   * Closes the long connection from Feishu's side (a gateway restart, a network blip) and
   * resolves once the client has connected again on its own.
   */
  dropConnection(): Promise<void>;
}

/**
 * An app id never used before in this process, of the form Feishu gives (`cli_` and 16 hex digits;
 * the SDK refuses others): the SDK caches tenant tokens per app id, process-wide, so each fake needs
 * an app of its own.
 */
export function freshAppId(): string {
  return `cli_${randomBytes(8).toString('hex')}`;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let raw = '';
  for await (const chunk of req) raw += String(chunk);
  return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
}

/**
 * The parts of a multipart/form-data body by field name, as raw bytes. Written out because the
 * SDK (per its README) sends a file as a bare Buffer part without a file name, which WHATWG
 * `formData()` would decode as text and corrupt.
 */
async function readMultipart(req: IncomingMessage): Promise<Map<string, Buffer>> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(String(req.headers['content-type']));
  if (!boundary) throw new Error('not a multipart body');
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts = new Map<string, Buffer>();
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const part = body.subarray(start + delimiter.length + 2, next - 2); // past "\r\n", before "\r\n--"
    const headerEnd = part.indexOf('\r\n\r\n');
    const name = /name="([^"]*)"/.exec(part.subarray(0, headerEnd).toString('utf8'))?.[1];
    if (name !== undefined) parts.set(name, part.subarray(headerEnd + 4));
    start = next;
  }
  return parts;
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * A Feishu Open Platform on 127.0.0.1 for driving the real @larksuiteoapi/node-sdk in tests: the
 * tenant token, the long-connection endpoint and websocket (pbbp2 frames), sending messages and
 * the bot's identity. It checks the app's credentials the way Feishu does, so a misconfigured
 * app fails here as it would in production.
 */
export async function startFakeFeishu(app: { appId: string; appSecret: string }, options: FakeFeishuOptions = {}): Promise<FakeFeishu> {
  // The fake lives on 127.0.0.1; a proxy from the environment must not intercept the SDK's axios.
  process.env['NO_PROXY'] = '127.0.0.1';
  process.env['no_proxy'] = '127.0.0.1';
  const clientConfig = { ...CLIENT_CONFIG, ...options.clientConfig };
  const token = `t-fake-${app.appId}`;
  const botOpenId = 'ou_fakebot0000000000000000000000';
  const sent: SentMessage[] = [];
  const updates: CardUpdate[] = [];
  const files: UploadedFile[] = [];
  const directChatId = (openId: string) => `oc_p2p_${openId}`;
  const sendFailures: SendFailure[] = [];
  const sockets = new Set<WebSocket>();
  const pendingAcks = new Map<string, (ack: Ack) => void>();
  let waitingForConnection: Array<() => void> = [];
  let nextSeq = 1;
  let pings = 0;

  const directory = fakeDirectory(app.appId);
  const credentialsMatch = (id: unknown, secret: unknown) => id === app.appId && secret === app.appSecret;

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => reply(res, 500, { code: 1, msg: String(error) }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = `${req.method} ${url.pathname}`;
    if (route === 'POST /open-apis/auth/v3/tenant_access_token/internal') {
      const body = await readJson(req);
      // Feishu answers HTTP 200 with a non-zero code for bad credentials; the SDK then throws
      // because `tenant_access_token` is missing.
      if (!credentialsMatch(body['app_id'], body['app_secret'])) return reply(res, 200, { code: 10014, msg: 'app secret invalid' });
      return reply(res, 200, { code: 0, msg: 'ok', tenant_access_token: token, expire: 7200 });
    }
    if (route === 'POST /callback/ws/endpoint') {
      const body = await readJson(req);
      // 514 is the SDK's `auth_failed`: not retryable, so WSClient reports onError instead of looping.
      if (!credentialsMatch(body['AppID'], body['AppSecret'])) return reply(res, 200, { code: 514, msg: 'auth failed', data: {} });
      const { port } = server.address() as AddressInfo;
      // The SDK reads device_id and service_id with qs.parse on the WHOLE url, so the first query
      // key absorbs the "ws://…?" prefix; Feishu's real URL starts with fpid, and so does this one.
      const wsUrl = `ws://127.0.0.1:${port}/ws/v2?fpid=1&aid=1&device_id=fake-device&access_key=fake&service_id=${SERVICE_ID}&ticket=fake-ticket`;
      return reply(res, 200, { code: 0, msg: 'ok', data: { URL: wsUrl, ClientConfig: clientConfig } });
    }
    if (req.headers.authorization !== `Bearer ${token}`) {
      return reply(res, 400, { code: 99991663, msg: 'Invalid access token for authorization. Please make a request with token attached.' });
    }
    if (await directory.handle(route, url, req, res)) return;
    if (route === 'POST /open-apis/im/v1/messages') {
      const body = await readJson(req);
      const failure = sendFailures.shift();
      if (failure) {
        res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers });
        res.end(JSON.stringify({ code: failure.code, msg: failure.msg ?? 'failed' }));
        return;
      }
      const message: SentMessage = {
        messageId: `om_fake${sent.length + 1}`,
        receiveIdType: url.searchParams.get('receive_id_type') ?? '',
        receiveId: String(body['receive_id']),
        msgType: String(body['msg_type']),
        // Feishu's `content` is a JSON string inside the JSON body.
        content: JSON.parse(String(body['content'])),
        authorization: req.headers.authorization,
        ...(typeof body['uuid'] === 'string' ? { uuid: body['uuid'] } : {}),
      };
      sent.push(message);
      return reply(res, 200, {
        code: 0,
        msg: 'success',
        data: {
          message_id: message.messageId,
          chat_id: message.receiveIdType === 'open_id' ? directChatId(message.receiveId) : message.receiveId,
          msg_type: message.msgType,
          body: { content: body['content'] },
        },
      });
    }
    const patched = /^PATCH \/open-apis\/im\/v1\/messages\/([^/]+)$/.exec(route);
    if (patched) {
      const body = await readJson(req);
      updates.push({ messageId: patched[1]!, content: JSON.parse(String(body['content'])) });
      return reply(res, 200, { code: 0, msg: 'success', data: {} });
    }
    if (route === 'POST /open-apis/im/v1/files') {
      const form = await readMultipart(req);
      const file = form.get('file');
      if (!file || file.length === 0) return reply(res, 400, { code: 234006, msg: 'The file is empty or missing.' });
      const uploaded: UploadedFile = {
        fileKey: `file_v3_fake${files.length + 1}`,
        fileType: String(form.get('file_type')),
        fileName: String(form.get('file_name')),
        bytes: file,
      };
      files.push(uploaded);
      return reply(res, 200, { code: 0, msg: 'success', data: { file_key: uploaded.fileKey } });
    }
    const chat = /^GET \/open-apis\/im\/v1\/chats\/([^/]+)$/.exec(route);
    if (chat) {
      return reply(res, 200, { code: 0, msg: 'success', data: { chat_mode: chat[1]!.startsWith('oc_p2p_') ? 'p2p' : 'group', name: '' } });
    }
    if (route === 'GET /open-apis/bot/v3/info') {
      // This endpoint answers with `bot` at the top level, not under `data`.
      return reply(res, 200, { code: 0, msg: 'ok', bot: { activate_status: 2, app_name: '信用助手', avatar_url: '', ip_white_list: [], open_id: botOpenId } });
    }
    reply(res, 404, { code: 404, msg: `fake Feishu has no ${route}` });
  }

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/ws/v2' || url.searchParams.get('service_id') !== String(SERVICE_ID)) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data: Buffer) => onFrame(ws, frames.decode(data)));
      for (const resolve of waitingForConnection) resolve();
      waitingForConnection = [];
    });
  });

  function header(frame: Frame, key: string): string | undefined {
    return frame.headers.find((h) => h.key === key)?.value;
  }

  function onFrame(ws: WebSocket, frame: Frame): void {
    if (frame.method === CONTROL && header(frame, 'type') === 'ping') {
      pings += 1;
      for (const resolve of waitingForPing.splice(0)) resolve();
      // A pong carries the ClientConfig again; the SDK ignores a pong without payload.
      const pong: Frame = { SeqID: 0, LogID: 0, service: frame.service, method: CONTROL, headers: [{ key: 'type', value: 'pong' }], payload: new TextEncoder().encode(JSON.stringify(clientConfig)) };
      ws.send(frames.encode(pong).finish());
      return;
    }
    if (frame.method === DATA) {
      // The ack is the pushed frame echoed back with a `biz_rt` header and a JSON {code, data?} payload.
      const messageId = header(frame, 'message_id') ?? '';
      const body = JSON.parse(new TextDecoder().decode(frame.payload)) as { code: number; data?: string };
      const headers = Object.fromEntries(frame.headers.map((h) => [h.key, h.value]));
      const ack: Ack = { code: body.code, headers, ...(body.data ? { data: JSON.parse(Buffer.from(body.data, 'base64').toString('utf8')) } : {}) };
      pendingAcks.get(messageId)?.(ack);
      pendingAcks.delete(messageId);
    }
  }

  function pushEvent(eventType: string, event: unknown, options: { fragments?: number } = {}): Promise<Ack> {
    const [ws] = sockets;
    if (!ws) return Promise.reject(new Error('no client is connected to the fake Feishu'));
    const seq = nextSeq++;
    const messageId = `fake-msg-${seq}`;
    const envelope = {
      schema: '2.0',
      header: { event_id: `fake-event-${seq}`, event_type: eventType, create_time: String(Date.now()), token: '', app_id: app.appId, tenant_key: 'fake-tenant' },
      event,
    };
    const bytes = new TextEncoder().encode(JSON.stringify(envelope));
    const sum = options.fragments ?? 1;
    const size = Math.ceil(bytes.length / sum);
    const acked = new Promise<Ack>((resolve) => pendingAcks.set(messageId, resolve));
    for (let i = 0; i < sum; i++) {
      const frame: Frame = {
        SeqID: seq,
        LogID: seq,
        service: SERVICE_ID,
        method: DATA,
        headers: [
          { key: 'type', value: 'event' },
          { key: 'message_id', value: messageId },
          { key: 'sum', value: String(sum) },
          { key: 'seq', value: String(i) },
          { key: 'trace_id', value: `fake-trace-${seq}` },
        ],
        payload: bytes.subarray(i * size, (i + 1) * size),
      };
      ws.send(frames.encode(frame).finish());
    }
    return acked;
  }

  // ── Connection faults ──
  const waitingForPing: Array<() => void> = [];
  async function dropConnection(): Promise<void> {
    const dropped = [...sockets];
    if (dropped.length === 0) throw new Error('no client is connected to the fake Feishu');
    const closed = dropped.map((ws) => new Promise<void>((resolve) => ws.once('close', () => resolve())));
    const reconnected = new Promise<void>((resolve) => waitingForConnection.push(resolve));
    for (const ws of dropped) ws.terminate();
    await Promise.all(closed);
    await reconnected;
    // The SDK pings as the socket opens and listens for frames only a moment later: a frame
    // pushed into that moment is lost (Feishu would redeliver it). Its first ping arriving here
    // means it listens.
    await new Promise<void>((resolve) => waitingForPing.push(resolve));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    domain: `http://127.0.0.1:${port}`,
    appId: app.appId,
    botOpenId,
    sent,
    get pings() {
      return pings;
    },
    failNextSend: (failure) => void sendFailures.push(failure),
    connected: () => (sockets.size > 0 ? Promise.resolve() : new Promise<void>((resolve) => waitingForConnection.push(resolve))),
    pushEvent,
    updates,
    files,
    directChatId,
    directory: directory.api,
    dropConnection,
    close: async () => {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The contact directory and the bot's chats: contact/v3/users/batch_get_id, im/v1/chats, and any
// route refusing for a missing scope (lark:check and the channel's people lookup use them).
// ---------------------------------------------------------------------------------------------

/** A user of the fake tenant. */
export interface FakeUser {
  openId: string;
  mobile?: string;
  email?: string;
  /** Outside the app's availability scope: batch_get_id answers without a user_id, as for a stranger. */
  outsideAvailability?: boolean;
}

export interface FakeChat {
  chatId: string;
  name: string;
}

export interface FakeDirectory {
  /** The tenant's users, found by mobile or e-mail. */
  users: FakeUser[];
  /** The chats the bot is in, as im/v1/chats lists them. */
  chats: FakeChat[];
  /** Chats per page of im/v1/chats (Feishu's page_size when unset). */
  chatPageSize: number | undefined;
  /** The body of every batch_get_id call, in order. */
  batchGetIdCalls: Array<{ mobiles: string[]; emails: string[] }>;
  /** Pages of im/v1/chats served so far. */
  chatListCalls: number;
  /**
   * Makes `route` (e.g. "GET /open-apis/im/v1/chats") answer as Feishu does for an app without
   * `scope`: HTTP 400, code 99991672, the scope in `msg` and in `error.permission_violations`.
   */
  denyScope(route: string, scope: string): void;
  /** Makes `route` answer with this HTTP status and Feishu code from now on. */
  failRoute(route: string, failure: { status: number; code: number; msg: string }): void;
}

function fakeDirectory(appId: string): { api: FakeDirectory; handle(route: string, url: URL, req: IncomingMessage, res: ServerResponse): Promise<boolean> } {
  const failures = new Map<string, { status: number; body: unknown }>();
  const api: FakeDirectory = {
    users: [],
    chats: [],
    chatPageSize: undefined,
    batchGetIdCalls: [],
    chatListCalls: 0,
    denyScope: (route, scope) =>
      void failures.set(route, {
        status: 400,
        body: {
          code: 99991672,
          msg: `Access denied. One of the following scopes is required: [${scope}].应用尚未开通所需的应用身份权限：[${scope}]，点击链接申请并开通任一权限即可：https://open.feishu.cn/app/${appId}/auth?q=${scope}&op_from=openapi&token_type=tenant`,
          error: { log_id: 'fake-log', permission_violations: [{ type: 'action_scope_required', subject: scope }] },
        },
      }),
    failRoute: (route, failure) => void failures.set(route, { status: failure.status, body: { code: failure.code, msg: failure.msg } }),
  };

  const visible = (match: (user: FakeUser) => boolean) => api.users.find((u) => match(u) && !u.outsideAvailability);

  async function handle(route: string, url: URL, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const failure = failures.get(route);
    if (failure) {
      reply(res, failure.status, failure.body);
      return true;
    }
    if (route === 'POST /open-apis/contact/v3/users/batch_get_id') {
      const body = await readJson(req);
      const mobiles = (body['mobiles'] as string[] | undefined) ?? [];
      const emails = (body['emails'] as string[] | undefined) ?? [];
      if (url.searchParams.get('user_id_type') !== 'open_id') throw new Error('the fake resolves open_ids only');
      if (mobiles.length > 50 || emails.length > 50) {
        reply(res, 400, { code: 99992402, msg: 'field validation failed: at most 50 mobiles and 50 emails' });
        return true;
      }
      api.batchGetIdCalls.push({ mobiles, emails });
      // Someone Feishu cannot see comes back with the mobile or e-mail only, no user_id.
      const userList = [
        ...mobiles.map((mobile) => ({ mobile, ...idOf(visible((u) => u.mobile === mobile)) })),
        ...emails.map((email) => ({ email, ...idOf(visible((u) => u.email === email)) })),
      ];
      reply(res, 200, { code: 0, msg: 'success', data: { user_list: userList } });
      return true;
    }
    if (route === 'GET /open-apis/im/v1/chats') {
      api.chatListCalls += 1;
      const size = api.chatPageSize ?? Number(url.searchParams.get('page_size') ?? 20);
      const start = Number(url.searchParams.get('page_token') ?? 0);
      const items = api.chats.slice(start, start + size).map((c) => ({ chat_id: c.chatId, name: c.name, avatar: '', description: '', owner_id: 'ou_owner', owner_id_type: 'open_id', external: false, tenant_key: 'fake-tenant', chat_status: 'normal' }));
      const hasMore = start + size < api.chats.length;
      reply(res, 200, { code: 0, msg: 'success', data: { items, page_token: hasMore ? String(start + size) : '', has_more: hasMore } });
      return true;
    }
    return false;
  }

  return { api, handle };
}

function idOf(user: FakeUser | undefined): { user_id?: string } {
  return user ? { user_id: user.openId } : {};
}

import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** What the bot sent to WeCom, as the fake recorded it, in order. */
export interface WecomSent {
  /** aibot_send_msg (proactive), aibot_respond_welcome_msg, aibot_respond_update_msg, aibot_respond_msg. */
  cmd: string;
  /** The chat of a proactive message: a group's chatid or a person's userid. */
  chatid?: string;
  /** For answers (welcome, card update): the req_id of the callback answered. */
  reqId: string;
  body: Record<string, unknown>;
}

export interface UploadedFile {
  mediaId: string;
  filename: string;
  type: string;
  bytes: Buffer;
}

/** A WeCom refusal the next send gets instead of its ack. */
export interface Refusal {
  errcode: number;
  errmsg: string;
}

export interface FakeWecomOptions {
  botId: string;
  secret: string;
}

/** Frames the bot sends that are answers or proactive sends, recorded as `sent`. */
const RECORDED = new Set(['aibot_send_msg', 'aibot_respond_msg', 'aibot_respond_welcome_msg', 'aibot_respond_update_msg']);

/**
 * A WeCom intelligent-robot long connection on 127.0.0.1, speaking the protocol the official SDK
 * speaks (frames of cmd / headers.req_id / body): aibot_subscribe with bot_id and secret (errcode
 * 40001 for a wrong pair), ping answered, callbacks pushed (aibot_msg_callback,
 * aibot_event_callback), every send acknowledged with its req_id, and the three steps of a media
 * upload. What the bot sent is kept in `sent`, uploaded files in `files`.
 */
export async function startFakeWecom(options: FakeWecomOptions) {
  const http: Server = createServer((_, response) => response.writeHead(426).end());
  const wss = new WebSocketServer({ server: http });
  const sockets = new Set<WebSocket>();
  const sent: WecomSent[] = [];
  const files: UploadedFile[] = [];
  const uploads = new Map<string, { filename: string; type: string; chunks: Buffer[] }>();
  const refusals: Refusal[] = [];
  const subscriptions: Array<{ botId: string; accepted: boolean }> = [];
  let pings = 0;
  let authenticated: WebSocket | undefined;
  let onAuthenticated: Array<() => void> = [];

  const answer = (socket: WebSocket, reqId: string, extra: Record<string, unknown> = {}) =>
    socket.send(JSON.stringify({ headers: { req_id: reqId }, errcode: 0, errmsg: 'ok', ...extra }));

  wss.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      if (authenticated === socket) authenticated = undefined;
    });
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { cmd: string; headers: { req_id: string }; body?: Record<string, unknown> };
      const reqId = frame.headers.req_id;
      const body = frame.body ?? {};
      switch (frame.cmd) {
        case 'aibot_subscribe': {
          const accepted = body['bot_id'] === options.botId && body['secret'] === options.secret;
          subscriptions.push({ botId: String(body['bot_id']), accepted });
          if (!accepted) {
            socket.send(JSON.stringify({ headers: { req_id: reqId }, errcode: 40001, errmsg: 'invalid secret' }));
            return;
          }
          // One connection per robot: a newer one pushes the older out.
          if (authenticated && authenticated !== socket) pushTo(authenticated, 'aibot_event_callback', { msgid: newId('ev'), msgtype: 'event', from: { userid: 'sys' }, event: { eventtype: 'disconnected_event' } });
          authenticated = socket;
          answer(socket, reqId);
          for (const resolve of onAuthenticated.splice(0)) resolve();
          return;
        }
        case 'ping':
          pings += 1;
          answer(socket, reqId);
          return;
        case 'aibot_upload_media_init': {
          const uploadId = newId('up');
          uploads.set(uploadId, { filename: String(body['filename']), type: String(body['type']), chunks: [] });
          answer(socket, reqId, { body: { upload_id: uploadId } });
          return;
        }
        case 'aibot_upload_media_chunk': {
          const upload = uploads.get(String(body['upload_id']));
          if (!upload) return socket.send(JSON.stringify({ headers: { req_id: reqId }, errcode: 40001, errmsg: 'unknown upload_id' }));
          upload.chunks[Number(body['chunk_index'])] = Buffer.from(String(body['base64_data']), 'base64');
          answer(socket, reqId);
          return;
        }
        case 'aibot_upload_media_finish': {
          const uploadId = String(body['upload_id']);
          const upload = uploads.get(uploadId)!;
          const mediaId = newId('media');
          files.push({ mediaId, filename: upload.filename, type: upload.type, bytes: Buffer.concat(upload.chunks) });
          answer(socket, reqId, { body: { type: upload.type, media_id: mediaId, created_at: String(Math.floor(Date.now() / 1000)) } });
          return;
        }
        default: {
          if (!RECORDED.has(frame.cmd)) return socket.send(JSON.stringify({ headers: { req_id: reqId }, errcode: 40008, errmsg: `unknown cmd ${frame.cmd}` }));
          const refusal = refusals.shift();
          if (refusal) return socket.send(JSON.stringify({ headers: { req_id: reqId }, ...refusal }));
          const { chatid, ...rest } = body as { chatid?: string };
          sent.push({ cmd: frame.cmd, reqId, body: rest, ...(chatid ? { chatid } : {}) });
          answer(socket, reqId);
        }
      }
    });
  });

  function pushTo(socket: WebSocket, cmd: string, body: unknown): string {
    const reqId = newId(cmd);
    socket.send(JSON.stringify({ cmd, headers: { req_id: reqId }, body }));
    return reqId;
  }

  /** The connection the robot is authenticated on, once there is one. */
  async function live(): Promise<WebSocket> {
    if (authenticated) return authenticated;
    await new Promise<void>((resolve) => onAuthenticated.push(resolve));
    return authenticated!;
  }

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;

  return {
    botId: options.botId,
    wsUrl: `ws://127.0.0.1:${port}`,
    sent,
    files,
    subscriptions,
    pings: () => pings,
    /** Pushes a message callback (aibot_msg_callback); resolves with its req_id. */
    pushMessage: async (body: unknown) => pushTo(await live(), 'aibot_msg_callback', body),
    /** Pushes an event callback (aibot_event_callback): enter_chat, template_card_event. */
    pushEvent: async (body: unknown) => pushTo(await live(), 'aibot_event_callback', body),
    /** The next send (or answer) is refused with `refusal` instead of acknowledged. */
    refuseNextSend: (refusal: Refusal) => refusals.push(refusal),
    /** Drops every connection, as a network failure would; the SDK reconnects by itself. */
    dropConnections: () => {
      for (const socket of sockets) socket.terminate();
      authenticated = undefined;
    },
    close: async () => {
      onAuthenticated = [];
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

export type FakeWecom = Awaited<ReturnType<typeof startFakeWecom>>;

function newId(prefix: string): string {
  return `${prefix}_${Date.now()}_${randomBytes(4).toString('hex')}`;
}

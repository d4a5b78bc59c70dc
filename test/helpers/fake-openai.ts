import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  path: string;
  authorization: string | undefined;
  body: { model: string; messages: Array<{ role: string; content: string }> };
}

/** How the fake server answers the next chat completion. */
export type Behaviour =
  /** A fixed reply, or one that depends on the request (a rewrite and an answer differ by their system prompt). */
  | { reply: string | ((request: RecordedRequest) => string) }
  /** An error status; `message` is the error text, e.g. a 401 echoing the key it was sent. */
  | { status: number; message?: (request: RecordedRequest) => string }
  | { delayMs: number; reply: string };

/**
 * An OpenAI-compatible chat completions endpoint on 127.0.0.1, for driving the real `openai`
 * client in tests: it records each request and answers as told.
 */
export async function startFakeOpenAI(): Promise<{ baseURL: string; requests: RecordedRequest[]; behave(b: Behaviour): void; close(): Promise<void> }> {
  const requests: RecordedRequest[] = [];
  let behaviour: Behaviour = { reply: 'NOT_FOUND' };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += String(d)));
    req.on('end', () => {
      const request: RecordedRequest = { path: req.url ?? '', authorization: req.headers.authorization, body: JSON.parse(raw || '{}') };
      requests.push(request);
      const send = (content: string) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: 'chatcmpl-test', object: 'chat.completion', created: 0, model: 'fake', choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }] }));
      };
      if ('status' in behaviour) {
        res.writeHead(behaviour.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: behaviour.message?.(request) ?? 'overloaded' } }));
      } else if ('delayMs' in behaviour) {
        const b = behaviour;
        setTimeout(() => (res.destroyed ? undefined : send(b.reply)), b.delayMs);
      } else {
        send(typeof behaviour.reply === 'string' ? behaviour.reply : behaviour.reply(request));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    behave: (b) => (behaviour = b),
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

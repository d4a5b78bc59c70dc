import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Channel } from '../../src/channels/channel';
import { ConsoleChannel } from '../../src/channels/console-channel';
import { SimulateChannel, type SimulatedOutput } from '../../src/channels/simulate-channel';
import { typedIncoming } from '../../src/channels/typed-incoming';
import { VirtualClock } from '../../src/core/clock';
import type { Incoming } from '../../src/model/message';
import { loadRoster } from '../../src/org/roster';
import { FakeChannel } from '../helpers/fake-channel';

const roster = loadRoster('data/org.yaml');
const clock = new VirtualClock(new Date('2026-11-20T01:00:00Z'));

/** One channel under test: how its platform makes wang-fang say something, and what it has shown. */
interface Driver {
  channel: Channel;
  /** The platform delivers "text" from a person; resolves once the channel handed it on. */
  say(text: string): Promise<void>;
  shown(): string;
}

function consoleDriver(): Driver {
  const input = new PassThrough();
  let shown = '';
  const output = new Writable({ write: (chunk, _e, done) => void ((shown += String(chunk)), done()) });
  const channel = new ConsoleChannel({ roster, clock, input, output, interactive: false });
  return { channel, say: async (text) => void input.write(`${text}\n`), shown: () => shown };
}

function simulateDriver(): Driver {
  const lines: SimulatedOutput[] = [];
  const channel = new SimulateChannel(roster, clock, (l) => lines.push(l));
  return { channel, say: (text) => channel.deliver(event(channel.name, text)), shown: () => lines.map((l) => JSON.stringify(l)).join('\n') };
}

function fakeDriver(options: ConstructorParameters<typeof FakeChannel>[0]): Driver {
  const channel = new FakeChannel(options);
  return { channel, say: (text) => channel.deliver(event(channel.name, text)), shown: () => JSON.stringify([channel.sent, channel.updates]) };
}

function event(channel: string, text: string): Incoming {
  return typedIncoming({ channel, senderId: 'wang-fang', chat: { kind: 'direct' }, text, messageId: `e-${text}`, time: clock.now() }, roster);
}

/** Each channel, and whether it can edit sent messages and deliver files. */
const drivers: Array<[string, () => Driver, { edits: boolean; files: boolean }]> = [
  ['console', consoleDriver, { edits: false, files: false }],
  ['simulate', simulateDriver, { edits: true, files: true }],
  ['fake (Lark-like: cards, files, edits)', () => fakeDriver({ name: 'lark-like', canUpdate: true }), { edits: true, files: true }],
  ['fake (WeChat-like: text only, mentions by name)', () => fakeDriver({ name: 'wechat-like', capabilities: { cards: false, files: false, mentions: 'name', maxTextLength: 2048 } }), { edits: false, files: false }],
];

describe.each(drivers)('the channel contract: %s', (_name, make, can) => {
  it('hands each event to onEvent as the channel’s own, and start ends with stop', async () => {
    const { channel, say } = make();
    const events: Incoming[] = [];
    let arrived!: () => void;
    const first = new Promise<void>((resolve) => (arrived = resolve));
    const ended = channel.start(async (e) => {
      events.push(e);
      arrived();
    });
    await say('我是谁');
    await first;
    expect(events[0]).toMatchObject({ kind: 'message', channel: channel.name, text: '我是谁', senderId: 'wang-fang' });
    await channel.stop();
    await expect(ended).resolves.toBeUndefined();
  });

  it('states what it can show', () => {
    const { capabilities } = make().channel;
    expect(typeof capabilities.cards).toBe('boolean');
    expect(typeof capabilities.files).toBe('boolean');
    expect(['id', 'name']).toContain(capabilities.mentions);
    if (capabilities.maxTextLength !== undefined) expect(capabilities.maxTextLength).toBeGreaterThan(0);
  });

  it('returns a distinct message id for every message sent, and shows what it was given', async () => {
    const { channel, shown } = make();
    const to = { kind: 'direct', personId: 'wang-fang' } as const;
    const a = await channel.send({ to, mentions: [], content: { text: '第一条' } });
    const b = await channel.send({ to, mentions: [], content: channel.capabilities.cards ? { card: { title: '第二条', buttons: [{ label: '好', value: '好' }] } } : { text: '第二条' } });
    expect(a.messageId).toBeTruthy();
    expect(b.messageId).not.toBe(a.messageId);
    expect(shown()).toContain('第一条');
    expect(shown()).toContain('第二条');
  });

  it('edits a sent message where the platform can, and has no update where it cannot', async () => {
    const { channel, shown } = make();
    const { messageId } = await channel.send({ to: { kind: 'direct', personId: 'wang-fang' }, mentions: [], content: { text: '原文' } });
    expect(channel.update !== undefined).toBe(can.edits);
    await channel.update?.(messageId, { card: { title: '已改', lines: ['已选择：双公示'] } });
    expect(shown().includes('已选择：双公示')).toBe(can.edits);
  });

  it('delivers a file where it declares files', async () => {
    const { channel, shown } = make();
    expect(channel.capabilities.files).toBe(can.files);
    if (!can.files) return;
    await channel.send({ to: { kind: 'direct', personId: 'wang-fang' }, mentions: [], content: { file: { path: '/tmp/x.xlsx', name: 'x.xlsx', caption: '台账' } } });
    expect(shown()).toContain('x.xlsx');
  });
});

import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import type { Channel } from '../../src/channels/channel';
import { ConsoleChannel } from '../../src/channels/console-channel';
import { SimulateChannel, type SimulatedOutput } from '../../src/channels/simulate-channel';
import { typedIncoming, typedPress, type TypedOrigin } from '../../src/channels/typed-incoming';
import { loadConfig } from '../../src/config';
import { VirtualClock } from '../../src/core/clock';
import { renderText } from '../../src/core/render-text';
import type { Roster } from '../../src/org/roster';
import { TransportError } from '../../src/core/outbound/transport-error';
import { botHarness } from '../helpers/bot-harness';
import { FakeChannel } from '../helpers/fake-channel';
import { captureLog } from '../helpers/silent-logger';
import { tempDir } from '../helpers/temp-dir';

/** A channel as the platform drives it: people say things and press buttons; we read what was shown. */
interface Platform {
  channel: Channel;
  /** Delivers what `from` typed in their direct chat; resolves once the bot has answered. */
  say(from: string, text: string): Promise<void>;
  /** Delivers a press of `value` on the last card sent; resolves once the bot has answered. */
  pressLast?(from: string, value: string): Promise<void>;
  shown(): string;
  /** Called after the bot handled each event. */
  handled?(): void;
}

const clock = () => new VirtualClock(new Date('2026-11-20T01:00:00Z'));

/** The real app around one channel, as `npm start` and `npm run simulate` build it. */
async function onApp(make: (roster: Roster, clock: VirtualClock) => Omit<Platform, 'channel'> & { channel: Channel }): Promise<Platform> {
  const dataDir = tempDir();
  const config = { ...loadConfig({}), dataDir, dbFile: path.join(dataDir, 'db.json') };
  const c = clock();
  let platform!: Platform;
  const app = await createApp(config, c, captureLog().log, (roster) => (platform = make(roster, c)).channel);
  void platform.channel.start(async (event) => {
    await app.bot.handle(event);
    platform.handled?.();
  });
  return platform;
}

/** `from` (a roster id) in their direct chat, as the channel's edge resolves them. */
function inDirectChat(channel: string, from: string, now: Date): TypedOrigin {
  return { channel, senderId: from, personId: from, chat: { kind: 'direct' }, messageId: `e-${Math.random()}`, time: now };
}

function consolePlatform(roster: Roster, c: VirtualClock): Platform {
  const input = new PassThrough();
  let shown = '';
  let answered: (() => void) | undefined;
  const output = new Writable({ write: (chunk, _e, done) => void ((shown += String(chunk)), done()) });
  return {
    channel: new ConsoleChannel({ roster, clock: c, input, output, interactive: false }),
    // `say` resolves once the bot has handled the typed line.
    handled: () => answered?.(),
    say: async (from, text) => {
      const done = new Promise<void>((resolve) => (answered = resolve));
      input.write(`/as ${from}\n/dm\n${text}\n`);
      await done;
    },
    shown: () => shown,
  };
}

function simulatePlatform(roster: Roster, c: VirtualClock): Platform {
  const lines: SimulatedOutput[] = [];
  const channel = new SimulateChannel(roster, c, (l) => lines.push(l));
  return {
    channel,
    say: (from, text) => channel.deliver(typedIncoming({ ...inDirectChat('simulate', from, c.now()), text }, roster)),
    pressLast: (from, value) => channel.deliver(typedPress(inDirectChat('simulate', from, c.now()), { cardMessageId: lines.filter((l) => l.card).at(-1)!.messageId!, value })),
    shown: () => lines.map((l) => `${l.text}${l.file ? `\n<file ${l.file.name}>` : ''}`).join('\n'),
  };
}

function fakePlatform(channel: FakeChannel, roster: Roster, c: VirtualClock): Platform {
  return {
    channel,
    say: (from, text) => channel.deliver(typedIncoming({ ...inDirectChat(channel.name, from, c.now()), text }, roster)),
    // Only a platform that shows cards has buttons to press.
    pressLast: !channel.capabilities.cards ? undefined : (from, value) =>
      channel.deliver(typedPress(inDirectChat(channel.name, from, c.now()), { cardMessageId: channel.messageIds.get(channel.sent.filter((o) => 'card' in o.content).at(-1)!)!, value })),
    shown: () =>
      [...channel.sent.map((o) => ('file' in o.content ? `<file ${o.content.file.name}>` : renderText(o.content))), ...channel.updates.map((u) => renderText(u.content))].join('\n'),
  };
}

const platforms: Array<[string, () => Promise<Platform>]> = [
  ['console', () => onApp(consolePlatform)],
  ['simulate', () => onApp(simulatePlatform)],
  ['fake Lark-like', () => onApp((r, c) => fakePlatform(new FakeChannel({ name: 'simulate', canUpdate: true }), r, c))],
  ['fake WeChat-like', () => onApp((r, c) => fakePlatform(new FakeChannel({ name: 'simulate', capabilities: { cards: false, files: false, mentions: 'name' } }), r, c))],
];

describe.each(platforms)('the bot on %s', (_name, open) => {
  it('answers a card by its number', async () => {
    const p = await open();
    await p.say('wang-fang', '填报');
    expect(p.shown()).toContain('1. 双公示');
    await p.say('wang-fang', '1');
    expect(p.shown()).toMatch(/开始填报「[^」]*双公示/);
  });

  it('answers a press on platforms with cards, and edits the card where it can', async () => {
    const p = await open();
    if (!p.channel.capabilities.cards) {
      expect(p.pressLast).toBeUndefined();
      return;
    }
    await p.say('wang-fang', '填报');
    await p.pressLast!('wang-fang', '双公示');
    expect(p.shown()).toMatch(/开始填报「[^」]*双公示/);
    expect(p.shown().includes('已选择：双公示')).toBe(p.channel.update !== undefined);
  });

  it('delivers the exported workbook as a file, or says where it was saved', async () => {
    const p = await open();
    await p.say('xu-wenbo', '导出 2026-11');
    if (p.channel.capabilities.files) expect(p.shown()).toContain('<file 信用监测台账-2026-11.xlsx>');
    else expect(p.shown()).toMatch(/文件已保存到：.*信用监测台账-2026-11\.xlsx。当前渠道不能发送文件/);
  });
});

describe('the bot on a platform with limits and faults (the rest of the contract)', () => {
  const open = (options: ConstructorParameters<typeof FakeChannel>[0]) => onApp((r, c) => fakePlatform(new FakeChannel({ name: 'simulate', ...options }), r, c));

  it('splits a long reply at line boundaries for a channel with a text limit, in order', async () => {
    const unlimited = await open({ capabilities: { cards: false } });
    await unlimited.say('xu-wenbo', '帮助 全部');
    const limited = await open({ capabilities: { cards: false, maxTextLength: 300 } });
    await limited.say('xu-wenbo', '帮助 全部');
    const channel = limited.channel as FakeChannel;
    expect(channel.sent.length).toBeGreaterThan(1);
    const pieces = channel.sent.map((o) => renderText(o.content));
    expect(pieces.every((p) => [...p].length <= 300)).toBe(true);
    expect(pieces.join('\n')).toBe(unlimited.shown());
  });

  it('retries a send the platform failed for a moment, and says it once', async () => {
    let failures = 2;
    const p = await open({
      beforeSend: async () => {
        if (failures-- > 0) throw new TransportError('timeout', { transient: true, retryAfterMs: 1 });
      },
    });
    await p.say('wang-fang', '我是谁');
    expect((p.channel as FakeChannel).sent).toHaveLength(1);
    expect(p.shown()).toContain('王芳');
  });

  it('does not act on an event typed long before it arrived (a backlog after a reconnect), and says so', async () => {
    const dataDir = tempDir();
    const config = { ...loadConfig({}), dataDir, dbFile: path.join(dataDir, 'db.json') };
    const c = clock();
    const channel = new FakeChannel({ name: 'simulate' });
    const app = await createApp(config, c, captureLog().log, () => channel);
    void channel.start((event) => app.bot.handle(event));
    const typedAt = new Date(c.now().getTime() - 60 * 60_000);
    await channel.deliver(typedIncoming({ ...inDirectChat('simulate', 'xu-wenbo', typedAt), text: '排名 发布 2026-10' }, app.roster));
    expect(channel.sent.map((o) => renderText(o.content))).toEqual([expect.stringMatching(/因连接中断，现在才收到。为免误操作，这条消息没有处理/)]);
  });

  it('paces a burst into one chat to the platform\'s per-chat limit, in order', async () => {
    // Virtual milliseconds: a wait moves the clock at once, so pacing costs no real time.
    let now = 0;
    const timer = { now: () => now, sleep: async (ms: number) => void (now += ms) };
    const at: number[] = [];
    const channel = new FakeChannel({ name: 'simulate', beforeSend: async () => void at.push(timer.now()) });
    const h = await botHarness({ channel, timer, sendLimits: { perApp: { count: 50, windowMs: 1000 }, perChat: { count: 1, windowMs: 1000 } } });
    // A command mid-form: its answer, then where the form stands — two messages to one chat.
    await h.say('wang-fang', '填报 失信事件');
    const [answer, stands] = await h.say('wang-fang', '我是谁');
    expect(at).toEqual([0, 1000, 2000]);
    expect(renderText(answer!.content)).toContain('王芳');
    expect(renderText(stands!.content)).toContain('失信事件');
  });
});

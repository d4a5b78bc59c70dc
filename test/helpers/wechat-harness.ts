import { types } from 'wechaty';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import { WechatChannel } from '../../src/channels/wechat/wechat-channel';
import type { SendLimits } from '../../src/core/outbound/sender';
import type { Outgoing } from '../../src/model/message';
import { loadRoster } from '../../src/org/roster';
import { botHarness, type HarnessOptions, type RecordingChannel } from './bot-harness';
import { harnessRegistry } from './harness-registry';
import { recordingThrough, sentDuring } from './platform-bot';
import { captureLog } from './silent-logger';
import { SkippingTimer } from './skipping-timer';

/** The defaults of config.ts for CREDIT_CHANNEL=wechat: 1.5 s apart per chat, 20 a minute in all. */
export const WECHAT_LIMITS: SendLimits = { perApp: { count: 20, windowMs: 60_000 }, perChat: { count: 1, windowMs: 1500 } };

/** What reached WeChat from the bot's account: where ("group", "dm:<roster id>"), and the text or the file's name. */
export interface WechatSent {
  chat: string;
  text?: string;
  file?: string;
}

export interface WechatHarnessOptions extends Omit<HarnessOptions<RecordingChannel>, 'channel' | 'platform' | 'timer' | 'sendLimits'> {
  /** Pacing; default the WeChat defaults (on a timer that records the waits and skips them). */
  sendLimits?: SendLimits;
  /** Roster ids of people with a WeChat identity who are not in the group's room. */
  outsideRoom?: string[];
}

export interface WechatSayOptions {
  /** The WeChat message id; a fresh one unless a redelivery is being played. */
  id?: string;
}

/**
 * The whole bot (the bot harness: store, roster, knowledge, jobs on a virtual clock) on the real
 * WechatChannel and wechaty, with wechaty-puppet-mock as the WeChat: a contact for each org.yaml
 * person with a `wechat` identity (its name, and its alias as the bot's account's remark), the
 * bot's own account, and the work group's room by its topic. People's messages are made by the
 * mocker as WeChat would deliver them; what the bot says is read from what its account posted.
 */
export async function wechatHarness(options: WechatHarnessOptions = {}) {
  const roster = loadRoster('data/org.yaml');
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  const botUser = mocker.createContact({ name: roster.botName });
  const contacts = new Map(
    roster.people.flatMap((p) => {
      const wechat = p.identities.wechat;
      return wechat ? [[p.id, mocker.createContact({ name: wechat.name ?? p.name, ...(wechat.alias ? { alias: wechat.alias } : {}) })] as const] : [];
    }),
  );
  const outside = new Set(options.outsideRoom ?? []);
  const room = mocker.createRoom({
    topic: roster.mainGroup.identities.wechat!.topic,
    memberIdList: [botUser.id, ...[...contacts].filter(([id]) => !outside.has(id)).map(([, c]) => c.id)],
  });

  // Everything the bot's account posts, as WeChat carries it.
  const sent: WechatSent[] = [];
  const personOfContact = new Map([...contacts].map(([personId, c]) => [c.id, personId]));
  puppet.on('message', ({ messageId }) => {
    const payload = mocker.messagePayload(messageId) as { talkerId?: string; roomId?: string; listenerId?: string; text?: string };
    if (payload.talkerId !== botUser.id) return;
    const chat = payload.roomId === room.id ? 'group' : `dm:${personOfContact.get(payload.listenerId ?? '') ?? payload.listenerId}`;
    const file = mocker.cacheFileBoxPayload.get(messageId) as { name?: string } | undefined;
    sent.push(file ? { chat, file: file.name } : { chat, text: payload.text ?? '' });
  });

  const channelLog = captureLog();
  // The channel's notices go through the bot, as in main.ts; the bot is made after the channel.
  let notify: ((out: Outgoing) => Promise<unknown>) | undefined;
  const wechat = new WechatChannel({
    puppet: 'wechaty-puppet-mock',
    puppetInstance: puppet,
    roster,
    log: channelLog.log,
    sendNotice: (out) => notify!(out),
    now: (): Date => h.clock.now(),
  });
  const timer = new SkippingTimer();
  const h = await botHarness({ ...options, channel: recordingThrough(wechat), timer, sendLimits: options.sendLimits ?? WECHAT_LIMITS });
  notify = (out) => h.bot.send(out);

  const waiting = new Map<string, Array<() => void>>();
  const running = wechat.start(async (event) => {
    await h.handle(event);
    waiting.get(event.messageId)?.shift()?.();
  });
  const ended = running.then(() => Promise.reject(new Error('the WeChat channel ended before it logged in')));
  await Promise.race([wechat.started, ended]);
  mocker.login(botUser);
  await Promise.race([wechat.loggedIn, ended]);

  let messages = 0;
  let stopped = false;
  function contactOf(who: string) {
    const person = roster.person(who) ?? roster.findPeople(who)[0];
    const contact = person && contacts.get(person.id);
    if (!contact) throw new Error(`${who} has no wechat identity in data/org.yaml`);
    return contact;
  }

  /** The contacts "@name" in a group text names, as WeChat lists them in the message. */
  function mentionIds(text: string): string[] {
    const everyone = [botUser, ...contacts.values()];
    return everyone.filter((c) => text.includes(`@${c.payload.name}`)).map((c) => c.id);
  }

  /** Delivers what `who` typed and resolves, once the bot has handled it, with what the bot's account posted meanwhile. */
  async function type(who: string, where: 'group' | 'dm', text: string, o: WechatSayOptions): Promise<WechatSent[]> {
    messages += 1;
    const id = o.id ?? `wx-in-${messages}`;
    const handled = new Promise<void>((resolve) => waiting.set(id, [...(waiting.get(id) ?? []), resolve]));
    return sentDuring(sent, async () => {
      deliver(who, where, id, text, types.Message.Text);
      await handled;
    });
  }

  /** Makes the message WeChat would deliver and tells wechaty of it (again, for a redelivery). */
  function deliver(who: string, where: 'group' | 'dm', id: string, text: string, type: types.Message): void {
    // As WeChat stamps it: now on the bot's clock (the mock's own `say` would use the real time).
    const base = { id, talkerId: contactOf(who).id, text, timestamp: h.clock.now().getTime(), type };
    if (!mocker.cacheMessagePayload.has(id)) {
      mocker.MessageMock.create(where === 'group' ? { ...base, roomId: room.id, mentionIdList: mentionIds(text) } : { ...base, listenerId: botUser.id });
    }
    puppet.emit('message', { messageId: id });
  }

  return {
    mocker,
    puppet,
    room,
    botUser,
    contactOf,
    /** The bot harness underneath: store, clock, roster, the bot's log. */
    harness: h,
    timer,
    /** Everything the bot's account posted, in order. */
    sent,
    /** The WeChat channel's own log (login, logout, errors). */
    channelLog,
    channel: wechat,
    /** A message in the work group's room; "@信用助手" and "@王芳" are listed as WeChat's mentions. */
    group: (who: string, text: string, o: WechatSayOptions = {}) => type(who, 'group', text, o),
    /** A picture from `who`: the channel answers it itself, so nothing waits for the bot. */
    picture: (who: string, where: 'group' | 'dm') => deliver(who, where, `wx-in-${(messages += 1)}`, '', types.Message.Image),
    /** A message in `who`'s direct chat with the bot's account. */
    dm: (who: string, text: string, o: WechatSayOptions = {}) => type(who, 'dm', text, o),
    /** Moves the bot's clock to `time`, running the jobs due on the way; resolves with what the bot's account posted meanwhile. */
    advanceTo: (time: Date | string): Promise<WechatSent[]> => sentDuring(sent, () => h.advanceTo(new Date(time))),
    /** The puppet has loaded the account's contacts and rooms (wechat4u says so a while after the login). */
    ready: () => puppet.emit('ready', { data: 'stable' }),
    async stop(): Promise<void> {
      if (stopped) return;
      stopped = true;
      await wechat.stop();
      await running;
    },
  };
}

export type WechatHarness = Awaited<ReturnType<typeof wechatHarness>>;

/** For a test file: starts whole bots on WeChat (`bot(options)`), and stops them after each test. */
export function wechatBots(): (options?: WechatHarnessOptions) => Promise<WechatHarness> {
  return harnessRegistry(wechatHarness);
}

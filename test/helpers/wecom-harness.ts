import type { TemplateCard } from '@wecom/aibot-node-sdk';
import { WecomChannel } from '../../src/channels/wecom/wecom-channel';
import { loadRoster } from '../../src/org/roster';
import { t } from '../../src/prompts';
import { botHarness, type HarnessOptions, type RecordingChannel } from './bot-harness';
import { harnessRegistry } from './harness-registry';
import { recordingThrough, sentDuring } from './platform-bot';
import { startFakeWecom, type FakeWecom, type WecomSent } from './fake-wecom';
import { SkippingTimer } from './skipping-timer';
import { captureLog } from './silent-logger';

const SECRET = 'wecom-e2e-secret-0123456789abcdef';
let bots = 0;

export interface WecomHarnessOptions extends Omit<HarnessOptions<RecordingChannel>, 'channel' | 'platform' | 'timer'> {
  /** The WeCom of an earlier run, for a restart: the same robot on the same server. */
  fake?: FakeWecom;
  /** How long the channel may still answer a press or enter_chat (WeCom: 5 s); 0 plays a chat too busy to. */
  answerWindowMs?: number;
}

export interface SayOptions {
  /** The WeCom msgid; a fresh one unless a redelivery is being played. */
  id?: string;
}

/**
 * The whole bot (the bot harness: store, roster, knowledge, jobs on a virtual clock) on the real
 * WecomChannel and the official SDK, talking to a fake WeCom on 127.0.0.1: people's messages are
 * pushed as aibot_msg_callback frames over the long connection, and what the bot says is read from
 * what reached WeCom (`fake.sent`).
 */
export async function wecomHarness(options: WecomHarnessOptions = {}) {
  bots += 1;
  const fake = options.fake ?? (await startFakeWecom({ botId: `aib_test_${bots}`, secret: SECRET }));
  const roster = loadRoster('data/org.yaml');
  const channelLog = captureLog([SECRET]);
  const wecom = new WecomChannel({ botId: fake.botId, secret: SECRET, wsUrl: fake.wsUrl, roster, log: channelLog.log, reconnectIntervalMs: 50, ...(options.answerWindowMs === undefined ? {} : { answerWindowMs: options.answerWindowMs }) });
  const timer = new SkippingTimer();
  const h = await botHarness({ ...options, channel: recordingThrough(wecom), timer });

  // Resolvers of the pushes waiting for the bot to finish with them, by msgid.
  const waiting = new Map<string, Array<() => void>>();
  const running = wecom.start(async (event) => {
    await h.handle(event);
    waiting.get(event.messageId)?.shift()?.();
  });
  await Promise.race([wecom.connected, running.then(() => Promise.reject(new Error('the WeCom channel ended before it connected')))]);

  // Unique across the bots of a test, as WeCom's msgids are: a restarted bot shares the store.
  const run = bots;
  let callbacks = 0;
  const nextId = () => `msg${run}_${(callbacks += 1).toString(16).padStart(6, '0')}`;

  /** A roster member's userid (by name or roster id), or `who` itself for a userid outside the roster. */
  function userIdOf(who: string): string {
    const person = roster.person(who) ?? roster.findPeople(who)[0];
    if (!person) return who;
    const userId = person.identities.wecom?.userid;
    if (!userId) throw new Error(`${who} has no wecom userid in data/org.yaml`);
    return userId;
  }

  /** Pushes a callback and resolves, once the bot has handled it, with what reached WeCom meanwhile. */
  async function push(kind: 'message' | 'event', body: { msgid: string; [field: string]: unknown }): Promise<WecomSent[]> {
    const handled = new Promise<void>((resolve) => waiting.set(body.msgid, [...(waiting.get(body.msgid) ?? []), resolve]));
    return sentDuring(fake.sent, async () => {
      if (kind === 'message') await fake.pushMessage(body);
      else await fake.pushEvent(body);
      await handled;
    });
  }

  const createTime = () => Math.floor(h.clock.now().getTime() / 1000);
  const chat = (who: string, group: boolean) =>
    group ? { chattype: 'group', chatid: roster.mainGroup.identities.wecom!.chatid } : { chattype: 'single' };

  function type(who: string, group: boolean, text: string, o: SayOptions): Promise<WecomSent[]> {
    const body = { msgid: o.id ?? nextId(), aibotid: fake.botId, ...chat(who, group), from: { userid: userIdOf(who) }, create_time: createTime(), msgtype: 'text', text: { content: text } };
    return push('message', body);
  }

  return {
    fake,
    harness: h,
    timer,
    /** The WeCom channel's own log (connection state, SDK messages). */
    channelLog,
    /** A message in the department's group, as WeCom delivers it: only when it @-mentions the robot. */
    group: (who: string, text: string, o: SayOptions = {}) => type(who, true, text, o),
    /** A message in `who`'s direct chat with the robot. */
    dm: (who: string, text: string, o: SayOptions = {}) => type(who, false, text, o),
    /** Any message callback, e.g. an image. */
    pushMessage: (body: { msgid: string; [field: string]: unknown }) => push('message', body),
    /**
     * `who` presses the button labelled `label` on a button card the bot sent (template_card_event
     * with the button's key and the card's task_id); resolves with what reached WeCom meanwhile.
     */
    press(who: string, card: WecomSent, label: string, o: SayOptions = {}): Promise<WecomSent[]> {
      const template = card.body['template_card'] as TemplateCard;
      const button = template.button_list?.find((b) => b.text === label);
      if (!button) throw new Error(`the card has no button 「${label}」`);
      const group = card.chatid === roster.mainGroup.identities.wecom!.chatid;
      return push('event', {
        msgid: o.id ?? nextId(),
        create_time: createTime(),
        aibotid: fake.botId,
        ...chat(who, group),
        from: { userid: userIdOf(who) },
        msgtype: 'event',
        event: { eventtype: 'template_card_event', event_key: button.key, task_id: template.task_id },
      });
    },
    /** `who` opens the robot's direct chat (enter_chat, WeCom's first entry of the day). */
    openedDirectChat: (who: string) =>
      push('event', { msgid: nextId(), create_time: createTime(), aibotid: fake.botId, chattype: 'single', from: { userid: userIdOf(who) }, msgtype: 'event', event: { eventtype: 'enter_chat' } }),
    /** Moves the bot's clock to `time`, running the jobs due on the way; resolves with what reached WeCom meanwhile. */
    advanceTo: (time: Date | string): Promise<WecomSent[]> => sentDuring(fake.sent, () => h.advanceTo(new Date(time))),
    /** Stops the bot's channel, as the process ending would; WeCom (the fake) stays up. */
    async stop(): Promise<void> {
      await wecom.stop();
      await running;
    },
  };
}

export type WecomHarness = Awaited<ReturnType<typeof wecomHarness>>;

/** For a test file: starts whole bots on WeCom, and after each test stops them and closes their fakes. */
export function wecomBots(): (options?: WecomHarnessOptions) => Promise<WecomHarness> {
  return harnessRegistry(wecomHarness, (h) => [h.fake]);
}

/** The userids a markdown message @-mentions (`<@userid>`), in order. */
export function mentionedUserIds(message: WecomSent): string[] {
  const markdown = message.body['markdown'] as { content: string } | undefined;
  return markdown ? [...markdown.content.matchAll(/<@([^>]+)>/g)].map((m) => m[1]!) : [];
}

/**
 * A sent message as its reader sees it, as plain lines: markdown without its mentions; a button
 * card as its title, text and buttons `[label]`; a file as `[file name]`.
 */
export function shownLines(message: WecomSent): string[] {
  const body = message.body;
  if (body['msgtype'] === 'markdown') return (body['markdown'] as { content: string }).content.replace(/^(<@[^>]+>\s*)+/, '').split('\n');
  if (body['msgtype'] === 'text') return (body['text'] as { content: string }).content.split('\n');
  if (body['msgtype'] === 'file') return [`[file ${(body['file'] as { media_id: string }).media_id}]`];
  const card = (body['template_card'] ?? body) as TemplateCard;
  return [card.main_title?.title ?? '', ...(card.sub_title_text ? card.sub_title_text.split('\n') : []), ...(card.button_list ?? []).map((b) => `[${b.text}]`)];
}

/** The line a long card's button card carries instead of its text (the text went before it as markdown). */
export const CARD_BUTTONS_LINE = t('wecom.card_buttons');

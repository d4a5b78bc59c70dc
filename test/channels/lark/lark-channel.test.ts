import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderCard } from '../../../src/channels/lark/card-json';
import { LarkChannel } from '../../../src/channels/lark/lark-channel';
import { TransportError } from '../../../src/core/outbound/transport-error';
import type { Incoming } from '../../../src/model/message';
import { loadRoster } from '../../../src/org/roster';
import { t } from '../../../src/prompts';
import { freshAppId, startFakeFeishu, type FakeFeishu } from '../../helpers/fake-feishu';
import { keyedTextMessage } from '../../helpers/feishu-events';
import { captureLog } from '../../helpers/silent-logger';

const roster = loadRoster('data/org.yaml');
const appSecret = 'lark-channel-secret-0123';
let fake: FakeFeishu | undefined;
let channel: LarkChannel | undefined;
let running: Promise<void> | undefined;
afterEach(async () => {
  await channel?.stop();
  await running;
  await fake?.close();
  channel = undefined;
  running = undefined;
  fake = undefined;
});

/** The real channel started against a fresh fake Feishu, collecting what reaches the core. */
async function startChannel(
  react: (event: Incoming, channel: LarkChannel) => Promise<void> = async () => {},
): Promise<{ fake: FakeFeishu; channel: LarkChannel; events: Incoming[]; next(): Promise<Incoming> }> {
  const appId = freshAppId();
  fake = await startFakeFeishu({ appId, appSecret });
  channel = new LarkChannel({ appId, appSecret, domain: fake.domain, roster, log: captureLog().log });
  const events: Incoming[] = [];
  let waiting: ((event: Incoming) => void) | undefined;
  const started = channel;
  running = channel.start(async (event) => {
    events.push(event);
    await react(event, started);
    waiting?.(event);
  });
  await channel.connected;
  const next = () => new Promise<Incoming>((resolve) => (waiting = resolve));
  return { fake, channel, events, next };
}

describe('Lark channel: messages in', () => {
  it('王芳 @-asks the bot in the department group: the core gets her roster id, the group and mentionsBot', async () => {
    const { fake, next } = await startChannel();
    const received = next();

    const ack = await fake.pushEvent(
      'im.message.receive_v1',
      keyedTextMessage({ from: 'ou_wang_fang', chatId: 'oc_sample_credit_group', chatType: 'group', text: '@_user_1 双公示怎么填？', mentions: [{ key: '@_user_1', openId: fake.botOpenId, name: '信用助手' }] }),
    );

    expect(ack.code).toBe(200);
    expect(await received).toEqual({
      kind: 'message',
      channel: 'lark',
      chatId: 'oc_sample_credit_group',
      chatType: 'group',
      groupId: 'main',
      senderId: 'ou_wang_fang',
      personId: 'wang-fang',
      senderName: '王芳',
      messageId: 'om_in1',
      time: new Date(1795500000000),
      text: '双公示怎么填？',
      mentionsBot: true,
      mentions: [],
    });
  });

  it('an @ to 周敏 (not the bot) is not an @ to the bot, and names her by roster id', async () => {
    const { fake, next } = await startChannel();
    const received = next();

    await fake.pushEvent(
      'im.message.receive_v1',
      keyedTextMessage({ from: 'ou_wang_fang', chatId: 'oc_sample_credit_group', chatType: 'group', text: '@_user_1 请看一下', mentions: [{ key: '@_user_1', openId: 'ou_zhou_min', name: '周敏' }] }),
    );

    expect(await received).toMatchObject({ mentionsBot: false, mentions: ['zhou-min'], text: '@周敏 请看一下', personId: 'wang-fang' });
  });

  it('a direct message from a stranger arrives as a direct chat without a person or group', async () => {
    const { fake, next } = await startChannel();
    const received = next();

    await fake.pushEvent('im.message.receive_v1', keyedTextMessage({ from: 'ou_stranger', chatId: 'oc_p2p_stranger', chatType: 'p2p', text: '你好' }));

    const event = await received;
    expect(event).toMatchObject({ chatType: 'direct', chatId: 'oc_p2p_stranger', senderId: 'ou_stranger', text: '你好', mentionsBot: false });
    expect(event).not.toHaveProperty('personId');
    expect(event).not.toHaveProperty('groupId');
  });

  it('an image in a direct chat is acked, not handed to the core, and answered politely', async () => {
    const { fake, events, next } = await startChannel();
    const image = keyedTextMessage({ from: 'ou_wang_fang', chatId: 'oc_p2p_wang', chatType: 'p2p', text: '', messageId: 'om_image' });
    image.message.message_type = 'image';
    image.message.content = JSON.stringify({ image_key: 'img_v2_x' });
    const received = next();

    expect((await fake.pushEvent('im.message.receive_v1', image)).code).toBe(200);
    await fake.pushEvent('im.message.receive_v1', keyedTextMessage({ from: 'ou_wang_fang', chatId: 'oc_p2p_wang', chatType: 'p2p', text: '好的', messageId: 'om_text' }));

    expect((await received).messageId).toBe('om_text');
    expect(events).toHaveLength(1);
    expect(fake.sent).toMatchObject([{ receiveIdType: 'chat_id', receiveId: 'oc_p2p_wang', msgType: 'text', content: { text: t('lark.non_text') } }]);
  });

  it('a sticker in the group that does not @ the bot gets no answer', async () => {
    const { fake, next } = await startChannel();
    const sticker = keyedTextMessage({ from: 'ou_wang_fang', chatId: 'oc_sample_credit_group', chatType: 'group', text: '', messageId: 'om_sticker', mentions: [{ key: '@_user_1', openId: 'ou_zhou_min', name: '周敏' }] });
    sticker.message.message_type = 'sticker';
    sticker.message.content = JSON.stringify({ file_key: 'sticker_x' });
    const received = next();

    await fake.pushEvent('im.message.receive_v1', sticker);
    await fake.pushEvent('im.message.receive_v1', keyedTextMessage({ from: 'ou_wang_fang', chatId: 'oc_sample_credit_group', chatType: 'group', text: '收到', messageId: 'om_text' }));

    expect((await received).messageId).toBe('om_text');
    expect(fake.sent).toEqual([]);
  });

  it('acks before the core has finished: a slow answer does not hold the ack back', async () => {
    const appId = freshAppId();
    fake = await startFakeFeishu({ appId, appSecret });
    channel = new LarkChannel({ appId, appSecret, domain: fake.domain, roster, log: captureLog().log });
    let release!: () => void;
    const handled: string[] = [];
    running = channel.start(async (event) => {
      await new Promise<void>((resolve) => (release = resolve));
      handled.push(event.messageId);
    });
    await channel.connected;

    const ack = await fake.pushEvent('im.message.receive_v1', keyedTextMessage({ from: 'ou_wang_fang', chatId: 'oc_p2p_wang', chatType: 'p2p', text: '导出' }));

    expect(ack.code).toBe(200);
    expect(handled).toEqual([]);
    release();
  });
});

describe('Lark channel: messages out', () => {
  it('sends a text to the group with an <at> for 王芳, and the outbox key as uuid', async () => {
    const { fake, channel } = await startChannel();

    const sent = await channel.send({ to: { kind: 'group', groupId: 'main' }, mentions: ['wang-fang'], content: { text: '本月双公示请在 25 日前报送。' }, idempotencyKey: 'reminder-2026-11-main' });

    expect(sent.messageId).toBe('om_fake1');
    expect(fake.sent).toMatchObject([
      { receiveIdType: 'chat_id', receiveId: 'oc_sample_credit_group', msgType: 'text', content: { text: '<at user_id="ou_wang_fang"></at> 本月双公示请在 25 日前报送。' }, uuid: 'reminder-2026-11-main' },
    ]);
  });

  it('@-mentions only people with an open_id: a typed "@何静" would notify no one, and the text names her', async () => {
    const { fake, channel } = await startChannel();

    await channel.send({ to: { kind: 'group', groupId: 'main' }, mentions: ['wang-fang', 'he-jing'], content: { text: '「双公示」：@王芳（商事登记科） @何静（社会事务科）' } });

    expect(fake.sent[0]!.content).toEqual({ text: '<at user_id="ou_wang_fang"></at> 「双公示」：@王芳（商事登记科） @何静（社会事务科）' });
  });

  it('sends a direct message to a person by open_id', async () => {
    const { fake, channel } = await startChannel();

    await channel.send({ to: { kind: 'direct', personId: 'zhou-min' }, mentions: [], content: { text: '已收到。' } });

    expect(fake.sent).toMatchObject([{ receiveIdType: 'open_id', receiveId: 'ou_zhou_min', msgType: 'text', content: { text: '已收到。' } }]);
    expect(fake.sent[0]).not.toHaveProperty('uuid');
  });

  it('sends a card as JSON 2.0 with markdown, a paginated table and buttons carrying an object', async () => {
    const { fake, channel } = await startChannel();

    await channel.send({
      to: { kind: 'group', groupId: 'main' },
      mentions: [],
      content: { card: { title: '11 月排名', lines: ['按报送及时率排序'], table: { header: ['科室', '得分'], rows: [['商事登记科', '98']] }, footer: ['信用办'], buttons: [{ label: '填报', value: '填报 双公示' }] } },
    });

    expect(fake.sent[0]).toMatchObject({ msgType: 'interactive', receiveId: 'oc_sample_credit_group' });
    expect(fake.sent[0]!.content).toEqual({
      schema: '2.0',
      config: { update_multi: true },
      header: { title: { tag: 'plain_text', content: '11 月排名' } },
      body: {
        elements: [
          { tag: 'markdown', content: '按报送及时率排序' },
          {
            tag: 'table',
            page_size: 10,
            columns: [
              { name: 'c0', display_name: '科室', data_type: 'text' },
              { name: 'c1', display_name: '得分', data_type: 'text' },
            ],
            rows: [{ c0: '商事登记科', c1: '98' }],
          },
          { tag: 'markdown', content: '信用办' },
          { tag: 'button', text: { tag: 'plain_text', content: '填报' }, type: 'default', behaviors: [{ type: 'callback', value: { action: '填报 双公示' } }] },
        ],
      },
    });
  });

  it('a 429 from Feishu becomes a transient TransportError with the reset as retryAfterMs', async () => {
    const { fake, channel } = await startChannel();
    fake.failNextSend({ status: 429, code: 99991400, msg: 'request trigger frequency limit', headers: { 'x-ogw-ratelimit-reset': '2' } });

    const failure = await channel.send({ to: { kind: 'group', groupId: 'main' }, mentions: [], content: { text: '提醒' } }).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(TransportError);
    expect(failure).toMatchObject({ transient: true, retryAfterMs: 2000 });
    expect(fake.sent).toEqual([]);
  });

  it('the bot not being in the group (230002) is permanent, and says so as not_in_chat: retrying cannot help', async () => {
    const { fake, channel } = await startChannel();
    fake.failNextSend({ status: 400, code: 230002, msg: 'Bot is not in the chat' });

    const failure = await channel.send({ to: { kind: 'group', groupId: 'main' }, mentions: [], content: { text: '提醒' }, idempotencyKey: 'reminder-2026-11-main' }).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(TransportError);
    expect(failure).toMatchObject({ transient: false, problem: 'not_in_chat', code: '230002', message: expect.stringMatching(/230002/) });
    expect(fake.sent).toEqual([]);
  });

  it.each([
    [230013, 'outside_availability', 'Bot has NO availability to this user.'],
    [230053, 'blocked', 'The user has stopped the bot from sending messages to him.'],
    [230028, 'content_rejected', 'The messages do NOT pass the audit.'],
    [230001, 'other', 'Your request contains an invalid request parameter.'],
  ])('Feishu code %i to 王芳 is the permanent problem %s', async (code, problem, msg) => {
    const { fake, channel } = await startChannel();
    fake.failNextSend({ status: 400, code, msg });

    const failure = await channel.send({ to: { kind: 'direct', personId: 'wang-fang' }, mentions: [], content: { text: '提醒' } }).catch((e: unknown) => e);

    expect(failure).toMatchObject({ name: 'TransportError', transient: false, problem, code: String(code) });
  });

  it('a group without a lark chat_id in org.yaml is a permanent error, not a send to nowhere', async () => {
    const { fake, channel } = await startChannel();

    await expect(channel.send({ to: { kind: 'group', groupId: 'office' }, mentions: [], content: { text: 'x' } })).rejects.toMatchObject({ transient: false, problem: 'no_account' });
    expect(fake.sent).toEqual([]);
  });
});

/** A press of a card button as Feishu's card.action.trigger callback carries it. */
function press(options: { by: string; chatId: string; cardMessageId: string; value: string }) {
  return {
    operator: { open_id: options.by, tenant_key: 'fake-tenant' },
    token: 'c-fake-card-token',
    action: { tag: 'button', value: { action: options.value } },
    host: 'im_message',
    context: { open_message_id: options.cardMessageId, open_chat_id: options.chatId },
  };
}

const reminderCard = { title: '11 月待报', lines: ['双公示 尚未报送'], buttons: [{ label: '填报 双公示', value: '填报 双公示' }] };
const answered = { title: '11 月待报', lines: ['双公示 尚未报送', '已选：填报 双公示'] };

describe('Lark channel: card presses', () => {
  it('王芳 presses a button in the group: the core gets it as her action, and the answer carries a toast and the updated card', async () => {
    const { fake, channel, events } = await startChannel(async (event, ch) => {
      if (event.kind === 'action') await ch.update(event.cardMessageId, { card: answered });
    });
    const { messageId } = await channel.send({ to: { kind: 'group', groupId: 'main' }, mentions: [], content: { card: reminderCard } });

    const ack = await fake.pushEvent('card.action.trigger', press({ by: 'ou_wang_fang', chatId: 'oc_sample_credit_group', cardMessageId: messageId, value: '填报 双公示' }));

    expect(events).toEqual([
      {
        kind: 'action',
        channel: 'lark',
        chatId: 'oc_sample_credit_group',
        chatType: 'group',
        groupId: 'main',
        senderId: 'ou_wang_fang',
        personId: 'wang-fang',
        senderName: '王芳',
        messageId: expect.stringMatching(/^fake-event-/),
        time: expect.any(Date),
        cardMessageId: messageId,
        value: '填报 双公示',
      },
    ]);
    expect(ack.code).toBe(200);
    expect(ack.data).toEqual({ toast: { type: 'success', content: t('lark.press_done') }, card: { type: 'raw', data: renderCard(answered) } });
    expect(fake.updates).toEqual([]);
  });

  it('when the bot is slow, the press is answered with a toast in time and the card is PATCHed after', async () => {
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const { fake, channel } = await startChannel(async (event, ch) => {
      await slow;
      if (event.kind === 'action') await ch.update(event.cardMessageId, { card: answered });
    });
    const { messageId } = await channel.send({ to: { kind: 'group', groupId: 'main' }, mentions: [], content: { card: reminderCard } });

    const started = Date.now();
    const ack = await fake.pushEvent('card.action.trigger', press({ by: 'ou_wang_fang', chatId: 'oc_sample_credit_group', cardMessageId: messageId, value: '填报 双公示' }));

    expect(Date.now() - started).toBeLessThan(3000);
    expect(ack.data).toEqual({ toast: { type: 'info', content: t('lark.press_working') } });
    release();
    await vi.waitFor(() => expect(fake.updates).toEqual([{ messageId, content: renderCard(answered) }]));
  });

  it('a press in the bot\'s direct chat with 王芳 arrives as a direct-chat action, also after a restart', async () => {
    const first = await startChannel();
    const { messageId } = await first.channel.send({ to: { kind: 'direct', personId: 'wang-fang' }, mentions: [], content: { card: reminderCard } });
    const chatId = first.fake.directChatId('ou_wang_fang');

    await first.fake.pushEvent('card.action.trigger', press({ by: 'ou_wang_fang', chatId, cardMessageId: messageId, value: '填报 双公示' }));
    expect(first.events[0]).toMatchObject({ kind: 'action', chatType: 'direct', chatId, personId: 'wang-fang' });
    expect(first.events[0]).not.toHaveProperty('groupId');

    // A new process knows nothing of the chat yet: Feishu is asked what kind it is.
    await channel!.stop();
    await running;
    const restarted = new LarkChannel({ appId: first.fake.appId, appSecret, domain: first.fake.domain, roster, log: captureLog().log });
    const events: Incoming[] = [];
    const again = restarted.start(async (event) => void events.push(event));
    await restarted.connected;
    await first.fake.pushEvent('card.action.trigger', press({ by: 'ou_wang_fang', chatId, cardMessageId: messageId, value: '填报 双公示' }));
    expect(events[0]).toMatchObject({ kind: 'action', chatType: 'direct' });
    await restarted.stop();
    await again;
  });

  it('a press of unexpected shape is acked without reaching the core', async () => {
    const { fake, events } = await startChannel();

    const ack = await fake.pushEvent('card.action.trigger', { operator: { open_id: 'ou_wang_fang' }, action: { value: '填报' } });

    expect(ack.code).toBe(200);
    expect(events).toEqual([]);
  });
});

describe('Lark channel: files', () => {
  it('uploads the workbook and sends it to the admin as a file, its caption first as text', async () => {
    const { fake, channel } = await startChannel();
    const workbook = Buffer.from('PK\u0003\u0004 not really a workbook');

    const sent = await channel.send({
      to: { kind: 'direct', personId: 'lin-xiaoyan' },
      mentions: [],
      content: { file: { data: workbook, name: '信用监测台账-2026-11.xlsx', caption: '11 月台账已导出。' } },
      idempotencyKey: 'export-2026-11',
    });

    expect(fake.files).toEqual([{ fileKey: 'file_v3_fake1', fileType: 'xls', fileName: '信用监测台账-2026-11.xlsx', bytes: workbook }]);
    expect(fake.sent).toMatchObject([
      { receiveIdType: 'open_id', receiveId: 'ou_lin_xiaoyan', msgType: 'text', content: { text: '11 月台账已导出。' }, uuid: 'export-2026-11:c' },
      { receiveIdType: 'open_id', receiveId: 'ou_lin_xiaoyan', msgType: 'file', content: { file_key: 'file_v3_fake1' }, uuid: 'export-2026-11' },
    ]);
    expect(sent.messageId).toBe('om_fake2');
  });

  it('reads a file on disk, and sends any other kind as a plain download', async () => {
    const { fake, channel } = await startChannel();

    await channel.send({ to: { kind: 'direct', personId: 'lin-xiaoyan' }, mentions: [], content: { file: { path: 'data/org.yaml', name: 'org.yaml' } } });

    expect(fake.files[0]).toMatchObject({ fileType: 'stream', fileName: 'org.yaml', bytes: readFileSync('data/org.yaml') });
    expect(fake.sent).toMatchObject([{ msgType: 'file' }]);
  });
});

describe('Lark channel: rich text and arrivals', () => {
  it('a rich-text @-question in the group reads as its words, the bot\'s mention removed', async () => {
    const { fake, next } = await startChannel();
    const received = next();
    const message = keyedTextMessage({ from: 'ou_wang_fang', chatId: 'oc_sample_credit_group', chatType: 'group', text: '', mentions: [{ key: '@_user_1', openId: fake.botOpenId, name: '信用助手' }] });
    message.message.message_type = 'post';
    message.message.content = JSON.stringify({ title: '', content: [[{ tag: 'at', user_id: '@_user_1', user_name: '信用助手' }, { tag: 'text', text: ' 双公示多久上报？' }]] });

    await fake.pushEvent('im.message.receive_v1', message);

    expect(await received).toMatchObject({ kind: 'message', text: '双公示多久上报？', mentionsBot: true, personId: 'wang-fang' });
  });

  it('the bot added to a group and a direct chat opened arrive as arrivals, with who did it', async () => {
    const { fake, events } = await startChannel();

    await fake.pushEvent('im.chat.member.bot.added_v1', { chat_id: 'oc_new_group', operator_id: { open_id: 'ou_wang_fang' }, name: '信用周报群', external: false });
    await fake.pushEvent('im.chat.access_event.bot_p2p_chat_entered_v1', { chat_id: 'oc_p2p_zhou', operator_id: { open_id: 'ou_zhou_min' }, last_message_id: '' });
    await vi.waitFor(() => expect(events).toHaveLength(2));

    expect(events).toMatchObject([
      { kind: 'arrival', chatId: 'oc_new_group', chatType: 'group', senderId: 'ou_wang_fang', personId: 'wang-fang', chatName: '信用周报群' },
      { kind: 'arrival', chatId: 'oc_p2p_zhou', chatType: 'direct', personId: 'zhou-min' },
    ]);
    expect(events[0]).not.toHaveProperty('groupId');
  });
});

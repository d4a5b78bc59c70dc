import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { FileBox } from 'file-box';
import { types, WechatyBuilder, type Contact, type Message, type Room, type Wechaty } from 'wechaty';
import type { Logger } from '../../logger';
import type { ChatType, FileContent, Incoming, IncomingMessage, Outgoing } from '../../model/message';
import type { Roster } from '../../org/roster';
import type { Person } from '../../org/schema';
import { t } from '../../prompts';
import { TransportError } from '../../core/outbound/transport-error';
import { StartupError } from '../../startup-error';
import { formatDayTime } from '../../time';
import type { Channel, ChannelCapabilities } from '../channel';
import { eventOrigin } from '../platform-event';
import { showLoginQrCode } from './login-qr';
import { takeBotMention } from './message-text';
import { groupRooms, personOfContact } from './room-members';
import { loadPuppet, PuppetLoadError, type WechatPuppet } from './puppet-loader';
import { KeyedQueue, personInChat } from '../../core/keyed-queue';

export interface WechatChannelOptions {
  /** The puppet package (config.wechat.puppet) and its service token, if it takes one. */
  puppet: string;
  puppetToken?: string;
  /** A puppet made already (a test's PuppetMock): used instead of loading `puppet`. */
  puppetInstance?: WechatPuppet;
  /** Where wechaty keeps the login session (`<name>.memory-card.json`), so a restart need not scan again; unset: in memory only. */
  sessionName?: string;
  roster: Roster;
  log: Logger;
  /** Lines for whoever watches the terminal: the login QR code's address. */
  print?: (line: string) => void;
  /**
   * How the channel's own notices (an unexpected logout, told to the admins once logged in
   * again) go out; the bot's send, so they are paced and kept like any message. Default: `send`.
   */
  sendNotice?: (out: Outgoing) => Promise<unknown>;
  /** Now, for the time of an unexpected logout; the system clock by default. */
  now?: () => Date;
}

/** A chat the bot was told to write to is not one it can find. */
function unreachable(message: string): TransportError {
  return new TransportError(message, { transient: false, problem: 'no_account' });
}

/**
 * Personal WeChat through wechaty: any puppet (wechat4u by default, a puppet-service with a token,
 * the mock in tests). Text only — cards arrive here already as text with numbered replies — and
 * @-mentions written into the text by name. The work group is found by its topic (org.yaml
 * `identities.wechat.topic`) and then by its room id; people by alias (the remark the bot's account
 * gives them), else by WeChat name. Messages are handled one at a time per chat, in arrival order.
 */
export class WechatChannel implements Channel {
  readonly name = 'wechat';
  readonly capabilities: ChannelCapabilities = {
    cards: false,
    // Files go as FileBox; a puppet that cannot send them fails the send, and the admin is told.
    files: true,
    mentions: 'name',
    // A long WeChat message is folded behind "展开"; 2 000 characters read as one screen or two.
    maxTextLength: 2000,
  };

  readonly #options: WechatChannelOptions;
  readonly #log: Logger;
  #wechaty: Wechaty | undefined;
  /** Room ids of org groups, once found by topic or seen: group id → room id, and back. */
  readonly #roomOfGroup = new Map<string, string>();
  readonly #groupOfRoom = new Map<string, string>();
  /** Contact ids of roster people, once found or seen: person id → contact id. */
  readonly #contactOfPerson = new Map<string, string>();
  /** Events of one chat are handled in order, chats in parallel. */
  readonly #chats = new KeyedQueue();
  /** When the account was logged out without `stop()`, until the admins have been told. */
  #lostAt: { at: Date; reason: string } | undefined;
  #stopping = false;
  #stopped: (() => void) | undefined;
  #markStarted!: () => void;
  /** Resolves once the puppet has started: a QR code or a login follows. */
  readonly started = new Promise<void>((resolve) => (this.#markStarted = resolve));
  #markLoggedIn!: () => void;
  /** Resolves at the first login: messages can arrive from then on. */
  readonly loggedIn = new Promise<void>((resolve) => (this.#markLoggedIn = resolve));

  constructor(options: WechatChannelOptions) {
    this.#options = options;
    this.#log = options.log.child({ channel: 'wechat' });
  }

  /** Starts the puppet and delivers messages until `stop()`; a puppet that cannot start ends it with a StartupError. */
  async start(onEvent: (event: Incoming) => Promise<void>): Promise<void> {
    const { puppet: name, puppetToken, puppetInstance, sessionName } = this.#options;
    const ended = new Promise<void>((resolve) => (this.#stopped = resolve));
    let puppet: WechatPuppet;
    try {
      puppet = puppetInstance ?? (await loadPuppet(name, puppetToken));
    } catch (error) {
      if (!(error instanceof PuppetLoadError)) throw error;
      throw new StartupError(puppetFailure(error), { cause: error });
    }
    // Stopped while the puppet package was loading (a signal right after launch): nothing to start.
    if (this.#stopping) return;
    const wechaty = WechatyBuilder.build({ puppet, ...(sessionName ? { name: sessionName } : {}) });
    this.#wechaty = wechaty;
    wechaty.on('scan', (qrcode, status) => this.#onScan(qrcode, status));
    wechaty.on('login', (user) => void this.#onLogin(user));
    wechaty.on('logout', (user, reason) => this.#onLogout(user, reason));
    wechaty.on('ready', () => void this.#reportRooms(wechaty).catch((error: unknown) => this.#log.warn({ err: error }, 'wechat: looking up the rooms failed')));
    wechaty.on('error', (error) => this.#log.error({ err: error }, 'wechat: wechaty error'));
    wechaty.on('message', (message) => this.#accept(message, onEvent));
    try {
      await wechaty.start();
    } catch (error) {
      throw new StartupError(t('wechat.start_failed', { puppet: name, detail: (error as Error).message }), { cause: error });
    }
    this.#markStarted();
    await ended;
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    await this.#chats.idle();
    await this.#wechaty?.stop();
    this.#stopped?.();
  }

  async send(out: Outgoing): Promise<{ messageId: string }> {
    const wechaty = this.#wechaty;
    if (!wechaty?.isLoggedIn) throw new TransportError('wechat is not logged in', { transient: true, retryAfterMs: 30_000 });
    const target = await this.#target(wechaty, out.to);
    try {
      if ('file' in out.content) await this.#sendFile(target, out.content.file);
      else if ('text' in out.content) await this.#sendText(target, out.content.text, out.mentions);
      else throw new TransportError('wechat cannot show cards; the core sends them as text', { transient: false });
    } catch (error) {
      if (error instanceof TransportError) throw error;
      // A failed say may still have reached WeChat: not retried at once, the outbox decides.
      throw new TransportError(`wechat send failed: ${(error as Error).message}`, { transient: false, cause: error });
    }
    // Not every puppet returns the sent message; the id only has to be unique (no cards to update).
    return { messageId: `wechat-${randomUUID()}` };
  }

  /** A room's members are @-mentioned by name (room.say puts "@name" in front); the puppet's mention list is not relied on. */
  async #sendText(target: Room | Contact, text: string, mentions: string[]): Promise<void> {
    if (!isRoom(target) || mentions.length === 0) {
      await target.say(text);
      return;
    }
    const members = await target.memberAll();
    const contacts: Contact[] = [];
    for (const personId of mentions) {
      const member = await this.#memberFor(members, personId);
      if (member) contacts.push(member);
    }
    await target.say(text, ...contacts);
  }

  async #sendFile(target: Room | Contact, file: FileContent): Promise<void> {
    if (file.caption) await target.say(file.caption);
    // Base64, as the one kind every puppet can carry (a puppet-service serialises the box).
    const bytes = 'data' in file ? file.data : await readFile(file.path);
    await target.say(FileBox.fromBase64(bytes.toString('base64'), file.name));
  }

  /** The room or contact an address names: found once, then kept by id. */
  async #target(wechaty: Wechaty, to: Outgoing['to']): Promise<Room | Contact> {
    const { roster } = this.#options;
    switch (to.kind) {
      case 'chat': {
        const found = to.chatType === 'group' ? await wechaty.Room.find({ id: to.chatId }) : await wechaty.Contact.find({ id: to.chatId });
        if (!found) throw unreachable(`wechat chat ${to.chatId} not found`);
        return found;
      }
      case 'group': {
        const room = await this.#roomOf(wechaty, to.groupId);
        if (!room) throw unreachable(`group ${to.groupId} not found in wechat (by its topic in org.yaml)`);
        return room;
      }
      case 'direct': {
        const person = roster.person(to.personId);
        const contact = person && (await this.#contactOf(wechaty, person));
        if (!contact) throw unreachable(`person ${to.personId} not found among the wechat contacts (by alias or name in org.yaml)`);
        return contact;
      }
    }
  }

  async #roomOf(wechaty: Wechaty, groupId: string): Promise<Room | undefined> {
    const known = this.#roomOfGroup.get(groupId);
    if (known) return (await wechaty.Room.find({ id: known })) ?? undefined;
    const topic = this.#options.roster.group(groupId)?.identities.wechat?.topic;
    const room = topic ? await wechaty.Room.find({ topic }) : undefined;
    if (room) this.#rememberRoom(groupId, room.id);
    return room ?? undefined;
  }

  /** A roster person's contact: by id once seen, else by alias, else by name. */
  async #contactOf(wechaty: Wechaty, person: Person): Promise<Contact | undefined> {
    const known = this.#contactOfPerson.get(person.id);
    if (known) return (await wechaty.Contact.find({ id: known })) ?? undefined;
    const { alias, name } = person.identities.wechat ?? {};
    const contact = (alias ? await wechaty.Contact.find({ alias }) : undefined) ?? (name ? await wechaty.Contact.find({ name }) : undefined);
    if (contact) this.#contactOfPerson.set(person.id, contact.id);
    return contact ?? undefined;
  }

  /** The member of a room who is `personId`, matched by alias, else by name. */
  async #memberFor(members: Contact[], personId: string): Promise<Contact | undefined> {
    const known = this.#contactOfPerson.get(personId);
    if (known) return members.find((m) => m.id === known);
    for (const member of members) {
      if ((await this.#personOf(member))?.id === personId) return member;
    }
    return undefined;
  }

  /** The roster person behind a contact, remembered so the bot can write to them by id. */
  async #personOf(contact: Contact): Promise<Person | undefined> {
    const person = await personOfContact(this.#options.roster, contact);
    if (person) this.#contactOfPerson.set(person.id, contact.id);
    return person;
  }

  /**
   * Once the puppet has its contacts and rooms: each org group's room by topic, remembered by id,
   * and a warning naming the roster people missing from it (npm run wechat:check says the same).
   */
  async #reportRooms(wechaty: Wechaty): Promise<void> {
    const { roster } = this.#options;
    const { groups, withoutIdentity } = await groupRooms(wechaty, roster);
    for (const { group, topic, room, notInRoom } of groups) {
      if (!room) {
        if (topic) this.#log.warn({ group: group.id, topic }, 'wechat: no room with this topic among the account\'s groups (renamed? not saved to contacts?); it is found when someone writes in it');
        continue;
      }
      this.#rememberRoom(group.id, room.id);
      if (notInRoom.length > 0) this.#log.warn({ group: group.id, topic, people: notInRoom.map((p) => p.id) }, 'wechat: roster people not found among the room\'s members by alias or name; npm run wechat:check explains');
      else this.#log.info({ group: group.id, topic }, 'wechat: found the room, with every roster person in it');
    }
    if (withoutIdentity.length > 0) this.#log.info({ people: withoutIdentity.map((p) => p.id) }, 'wechat: roster people without a wechat identity in org.yaml cannot be messaged or @-mentioned');
  }

  #rememberRoom(groupId: string, roomId: string): void {
    this.#roomOfGroup.set(groupId, roomId);
    this.#groupOfRoom.set(roomId, groupId);
  }

  #onScan(qrcode: string, status: types.ScanStatus): void {
    if (status !== types.ScanStatus.Waiting && status !== types.ScanStatus.Timeout) {
      this.#log.info({ status: types.ScanStatus[status] }, 'wechat: login QR code');
      return;
    }
    this.#log.info({ url: qrcode }, 'wechat: scan the QR code to log in');
    if (this.#options.print) showLoginQrCode(this.#options.print, qrcode, t('wechat.scan', { url: qrcode, image: loginImageUrl(qrcode) }));
  }

  async #onLogin(user: Contact): Promise<void> {
    this.#log.info({ user: user.name() }, 'wechat: logged in');
    this.#markLoggedIn();
    const lost = this.#lostAt;
    if (!lost) return;
    this.#lostAt = undefined;
    const { roster, sendNotice = (out) => this.send(out), now = () => new Date() } = this.#options;
    const text = t('wechat.relogged', { at: formatDayTime(lost.at), now: formatDayTime(now()), reason: lost.reason || '-' });
    for (const admin of roster.admins()) {
      try {
        await sendNotice({ to: { kind: 'direct', personId: admin.id }, mentions: [], content: { text } });
      } catch (error) {
        this.#log.warn({ err: error, admin: admin.id }, 'wechat: telling an admin of the lost login failed');
      }
    }
  }

  #onLogout(user: Contact, reason: string | undefined): void {
    if (this.#stopping) {
      this.#log.info({ user: user.name() }, 'wechat: logged out');
      return;
    }
    this.#lostAt ??= { at: (this.#options.now ?? (() => new Date()))(), reason: reason ?? '' };
    this.#log.warn({ user: user.name(), reason }, 'wechat: logged out unexpectedly; scan the QR code again to log back in (the admins are told once the bot is back)');
  }

  #accept(message: Message, onEvent: (event: Incoming) => Promise<void>): void {
    // The bot's own sends come back as messages: answering them would loop.
    if (message.self()) return;
    const chatId = message.room()?.id ?? message.talker().id;
    this.#enqueue(personInChat(chatId, message.talker().id), () => this.#deliver(message, chatId, onEvent));
  }

  /** Runs `work` after everything queued before it for the same person in the same chat. */
  #enqueue(key: string, work: () => Promise<void>): void {
    this.#chats.run(key, work).catch((error: unknown) => this.#log.error({ err: error, key }, 'wechat: handling an event failed'));
  }

  async #deliver(message: Message, chatId: string, onEvent: (event: Incoming) => Promise<void>): Promise<void> {
    try {
      const talker = message.talker();
      // Official accounts (公众号) and service notices are not people of the department.
      if (talker.type() === types.Contact.Official) return;
      const room = message.room();
      const { text, mentionsBot } = room ? takeBotMention(message.text(), await this.#botNames(room), await message.mentionSelf()) : { text: message.text().trim(), mentionsBot: false };
      if (message.type() !== types.Message.Text) {
        if (!room || mentionsBot) await this.#answerNonText(message, chatId, room ? 'group' : 'direct');
        return;
      }
      const event = await this.#toIncoming(message, talker, room, chatId, text, mentionsBot);
      await onEvent(event);
    } catch (error) {
      this.#log.error({ err: error, messageId: message.id }, 'wechat: handling a message failed');
    }
  }

  async #toIncoming(message: Message, talker: Contact, room: Room | undefined, chatId: string, text: string, mentionsBot: boolean): Promise<IncomingMessage> {
    const person = await this.#personOf(talker);
    const groupId = room ? await this.#groupOf(room) : undefined;
    const mentions: string[] = [];
    for (const contact of room ? await message.mentionList() : []) {
      if (contact.id === this.#wechaty?.currentUser.id) continue;
      const id = (await this.#personOf(contact))?.id;
      if (id && !mentions.includes(id)) mentions.push(id);
    }
    return {
      kind: 'message',
      ...eventOrigin({ channel: this.name, chatId, chatType: room ? 'group' : 'direct', group: groupId === undefined ? undefined : this.#options.roster.group(groupId), senderId: talker.id, person, messageId: message.id, time: message.date() }),
      text,
      mentionsBot,
      mentions,
    };
  }

  /** The org group a room is: by its id once seen, else by its topic. */
  async #groupOf(room: Room): Promise<string | undefined> {
    const known = this.#groupOfRoom.get(room.id);
    if (known) return known;
    const group = this.#options.roster.identifyGroup('wechat', await room.topic());
    if (group) this.#rememberRoom(group.id, room.id);
    return group?.id;
  }

  /** What the bot is called in a room: its WeChat name, its name in that room, and its name in org.yaml. */
  async #botNames(room: Room): Promise<string[]> {
    const self = this.#wechaty?.currentUser;
    const inRoom = self ? await room.alias(self) : undefined;
    return [self?.name() ?? '', inRoom ?? '', this.#options.roster.botName];
  }

  /** An image, voice or file cannot be read: the sender is told to write instead. */
  async #answerNonText(message: Message, chatId: string, chatType: ChatType): Promise<void> {
    this.#log.info({ messageId: message.id, type: types.Message[message.type()] }, 'wechat: a non-text message');
    try {
      await this.send({ to: { kind: 'chat', chatId, chatType }, mentions: [], content: { text: t('wechat.non_text') } });
    } catch (error) {
      this.#log.error({ err: error, messageId: message.id }, 'wechat: answering a non-text message failed');
    }
  }
}

/** Why `npm start` cannot use the configured puppet, for whoever started it. */
function puppetFailure(error: PuppetLoadError): string {
  switch (error.reason) {
    case 'not_installed':
      return t('wechat.puppet_not_installed', { puppet: error.puppet });
    case 'not_a_puppet':
      return t('wechat.puppet_not_a_puppet', { puppet: error.puppet, detail: error.message });
    case 'token_missing':
      return t('wechat.puppet_token_missing', { puppet: error.puppet });
    case 'failed':
      return t('wechat.puppet_failed', { puppet: error.puppet, detail: error.message });
  }
}

function isRoom(target: Room | Contact): target is Room {
  return 'memberAll' in target;
}

/** WeChat's own picture of a web-login QR code (wechat4u's), else the code's content to open or render. */
function loginImageUrl(qrcode: string): string {
  const uuid = /^https:\/\/login\.weixin\.qq\.com\/l\/([\w=-]+)/.exec(qrcode)?.[1];
  return uuid ? `https://login.weixin.qq.com/qrcode/${uuid}` : qrcode;
}

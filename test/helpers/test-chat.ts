import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { typedPress } from '../../src/channels/typed-incoming';
import type { Button, Outgoing } from '../../src/model/message';
import { renderText } from '../../src/core/render-text';
import { botHarness, type HarnessOptions } from './bot-harness';

/**
 * Tests that read like a chat, in the spirit of Koishi's mock client:
 *
 *   const chat = await testChat();
 *   await chat.as('王芳').dm('填报').expectReply(/双公示/);
 *   await chat.as('王芳').press('确认');
 *   await chat.at('2026-11-25T10:00+08:00').expectGroupMessage(/提醒/);
 *
 * Built on the bot harness: the real Bot, commands and store, a virtual clock whose moves run
 * the app's jobs, and messages built by the same `typedIncoming` as the console and simulate.
 */
export async function testChat(options: HarnessOptions & { at?: string } = {}) {
  const { at, ...harness } = options;
  const h = await botHarness(at ? { ...harness, start: new Date(at) } : harness);
  const history: Outgoing[] = [];

  function turn(speaker: Speaker | undefined, run: () => Promise<Outgoing[]>): Turn {
    return new Turn(
      run().then((sent) => {
        history.push(...sent);
        return sent;
      }),
      { mainGroupId: h.roster.mainGroup.id, idOf: (who) => person(who).id },
      speaker,
    );
  }

  /**
   * Whom `who` names: a roster member by name or id, on another channel by their account there
   * (`ou_wang_fang` on lark), or someone outside the roster known by that name or platform id.
   */
  function person(who: string, channel?: string): Who {
    // Another platform knows people by their accounts there, as its channel's edge would.
    const found = channel !== undefined && channel !== h.channel.name ? h.roster.identifyPerson(channel, who) : rosterMember(who);
    const platformId = found && (channel === undefined || channel === h.channel.name) ? found.id : who;
    return { platformId, personId: found?.id, id: found?.id ?? who, name: found?.name ?? who };
  }

  function rosterMember(who: string) {
    const named = h.roster.findPeople(who);
    if (!h.roster.person(who) && named.length > 1) throw new Error(`${named.length} people are called “${who}”: use a roster id`);
    return h.roster.person(who) ?? named[0];
  }

  return {
    /** The harness underneath, for what a chat cannot show (the store, the log). */
    harness: h,
    /** Speak as a roster member (name or id), or as an outsider known by `who`; on another channel by their account there. */
    as(who: string, o: { channel?: string } = {}) {
      const me = person(who, o.channel);
      const channel = o.channel ?? h.channel.name;
      const speaker = (chatId: string): Speaker => ({ id: me.id, chatId });
      const say = (text: string, where: { chat: 'dm' } | { chat: 'group'; groupId: string }): Turn =>
        turn(speaker(where.chat === 'group' ? where.groupId : `dm:${me.platformId}`), () => h.say(me.platformId, text, { ...where, channel }));
      return {
        /** A message in the direct chat with the bot. */
        dm: (text: string) => say(text, { chat: 'dm' }),
        /** A message in a group (the main one unless named by id): type "@信用助手 …" to address the bot. */
        group: (text: string, groupId = h.roster.mainGroup.id) => say(text, { chat: 'group', groupId }),
        /**
         * Presses a button (by label or value) of the latest card sent to this person or to a
         * group that has it, as a platform's card action naming that card's message id.
         */
        press(button: string): Turn {
          const card = history.findLast((out) => findButton(out, button) !== undefined && (sentTo(out, me.id) || out.to.kind === 'group'));
          const cardMessageId = card && h.channel.messageIds.get(card);
          if (!card || !cardMessageId) throw new Error(`no button “${button}” was shown to ${me.name}; buttons seen: ${history.flatMap(buttonsOf).join('、') || 'none'}`);
          const chat = card.to.kind === 'group' ? { kind: 'group' as const, groupId: card.to.groupId } : { kind: 'direct' as const };
          const action = typedPress(
            { channel, senderId: me.platformId, personId: me.personId, senderName: me.name, chat, messageId: randomUUID(), time: h.clock.now() },
            { cardMessageId, value: findButton(card, button)!.value },
          );
          return turn(speaker(chat.kind === 'group' ? chat.groupId : `dm:${me.platformId}`), () => h.handle(action));
        },
      };
    },
    /** Moves the virtual clock to `time`, running the jobs due on the way (reminders, form lapses). */
    at(time: string): Turn {
      return turn(undefined, () => h.advanceTo(new Date(time)));
    },
    /** Texts the bot has sent to this person's direct chat so far. */
    inbox(who: string): string[] {
      const id = person(who).id;
      return history.filter((out) => sentTo(out, id)).map(textOf);
    },
    /** Texts the bot has sent to a group (the main one unless named by id) so far. */
    groupMessages(groupId = h.roster.mainGroup.id): string[] {
      return history.filter((out) => inGroup(out, groupId)).map(textOf);
    },
  };
}

/** Someone a test speaks as: their id on the channel, and their roster id (or that id again for an outsider). */
interface Who {
  platformId: string;
  personId: string | undefined;
  id: string;
  name: string;
}

/** Who spoke in a turn, and where: replies go to that chat or to their direct chat. */
interface Speaker {
  id: string;
  chatId: string;
}

/** How a turn names people (name or id) and which group is the main one. */
interface People {
  mainGroupId: string;
  idOf(who: string): string;
}

/** A pattern, or text the message must contain. */
type Expected = RegExp | string;

/**
 * What the bot sent in response to one message (or one move of the clock). Await it for the
 * messages; each `expect…` checks them and returns the turn, so checks chain.
 */
class Turn implements PromiseLike<Outgoing[]> {
  readonly #sent: Promise<Outgoing[]>;
  readonly #people: People;
  readonly #speaker: Speaker | undefined;

  constructor(sent: Promise<Outgoing[]>, people: People, speaker: Speaker | undefined) {
    this.#sent = sent;
    this.#people = people;
    this.#speaker = speaker;
  }

  then<A = Outgoing[], B = never>(onFulfilled?: ((sent: Outgoing[]) => A | PromiseLike<A>) | null, onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    return this.#sent.then(onFulfilled, onRejected);
  }

  /** A reply to the speaker, in the chat they spoke in or in their direct chat. */
  expectReply(expected: Expected): Turn {
    const speaker = this.#speaker;
    if (!speaker) throw new Error('expectReply needs someone who spoke: use expectDm or expectGroupMessage after at()');
    return this.#check('replies', (out) => sentTo(out, speaker.id) || chatIdOf(out) === speaker.chatId, expected);
  }

  /** A message in a person's direct chat (a reminder, a notice to an admin). */
  expectDm(who: string, expected: Expected): Turn {
    const id = this.#people.idOf(who);
    return this.#check(`direct messages to ${who}`, (out) => sentTo(out, id), expected);
  }

  /** A message in a group, the main one unless named by id. */
  expectGroupMessage(expected: Expected, groupId = this.#people.mainGroupId): Turn {
    return this.#check(`messages in group ${groupId}`, (out) => inGroup(out, groupId), expected);
  }

  /** Nothing at all was sent. */
  expectNoReply(): Turn {
    return this.#then((sent) => expect(sent.map(textOf), 'the bot should have stayed silent').toEqual([]));
  }

  #check(what: string, where: (out: Outgoing) => boolean, expected: Expected): Turn {
    return this.#then((sent) => {
      const texts = sent.filter(where).map(textOf);
      expect(texts, `${what}; everything sent: ${JSON.stringify(sent.map(textOf))}`).toContainEqual(typeof expected === 'string' ? expect.stringContaining(expected) : expect.stringMatching(expected));
    });
  }

  #then(check: (sent: Outgoing[]) => void): Turn {
    return new Turn(
      this.#sent.then((sent) => {
        check(sent);
        return sent;
      }),
      this.#people,
      this.#speaker,
    );
  }
}

function recipientOf(out: Outgoing): string | undefined {
  if (out.to.kind === 'direct') return out.to.personId;
  if (out.to.kind === 'chat' && out.to.chatType === 'direct') return out.to.chatId.replace(/^dm:/, '');
  return undefined;
}

function sentTo(out: Outgoing, personId: string): boolean {
  return recipientOf(out) === personId;
}

function chatIdOf(out: Outgoing): string {
  switch (out.to.kind) {
    case 'group':
      return out.to.groupId;
    case 'direct':
      return `dm:${out.to.personId}`;
    case 'chat':
      return out.to.chatId;
  }
}

function inGroup(out: Outgoing, groupId: string): boolean {
  return out.to.kind !== 'direct' && !(out.to.kind === 'chat' && out.to.chatType === 'direct') && chatIdOf(out) === groupId;
}

function buttonsOf(out: Outgoing): string[] {
  return 'card' in out.content ? (out.content.card.buttons ?? []).map((b) => b.label) : [];
}

function findButton(out: Outgoing, button: string): Button | undefined {
  return 'card' in out.content ? out.content.card.buttons?.find((b) => b.label === button || b.value === button) : undefined;
}

/** The message as a text channel shows it (a card with its title, table and numbered buttons). */
function textOf(out: Outgoing): string {
  return renderText(out.content);
}

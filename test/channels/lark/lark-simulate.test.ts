import { describe, expect, it } from 'vitest';
import { loadRoster } from '../../../src/org/roster';
import type { Card } from '../../../src/model/message';
import type { SentMessage } from '../../helpers/fake-feishu';
import { atOpenIds, larkBots, shownLines } from '../../helpers/lark-harness';
import { conversationByChat, playedOnSimulateAnd, UNDELIVERABLE, wangFangsWeek } from '../../helpers/same-scenario';

const roster = loadRoster('data/org.yaml');
const GROUP = roster.mainGroup.identities.lark!.chat_id!;
/** The whole bot on the real Lark channel and SDK, against a fake Feishu; stopped after each test. */
const bot = larkBots();

/** Where a Lark message went, in simulate's words: "group" or "dm:<roster id>". */
function larkChat(m: SentMessage): string {
  if (m.receiveIdType === 'chat_id' && m.receiveId === GROUP) return 'group';
  const person = m.receiveIdType === 'open_id' ? roster.identifyPerson('lark', m.receiveId) : undefined;
  return person ? `dm:${person.id}` : `${m.receiveIdType}:${m.receiveId}`;
}

/** A simulate card as the same plain lines `shownLines` makes of a Lark card. */
function cardLines(card: Card): string[] {
  const table = card.table ? [card.table.header.join('｜'), ...card.table.rows.map((r) => r.join('｜'))] : [];
  return [card.title, ...(card.lines ?? []), ...table, ...(card.footer ?? []), ...(card.buttons ?? []).map((b) => `[${b.label}]`)];
}

describe('the same scenario on simulate and on Lark', () => {
  it('a week of 王芳 asking, filling in 双公示 and being reminded reads the same to everyone Lark reaches', async () => {
    const { simulated, h } = await playedOnSimulateAnd(bot, wangFangsWeek().lines);
    const onLark = h.fake.sent;

    const simulateSide = conversationByChat('lark', simulated.map((o) => ({ chat: o.chat, mentions: o.mentions, lines: o.card ? cardLines(o.card) : o.text.split('\n') })));
    // Only Lark has people it cannot reach (the sample roster gives some no account), and the admins
    // are told of each once: those notices are the one thing simulate cannot show.
    const larkSide = conversationByChat(
      'lark',
      onLark
        .map((m) => ({ chat: larkChat(m), mentions: atOpenIds(m).map((openId) => roster.identifyPerson('lark', openId)?.id ?? openId), lines: shownLines(m) }))
        .filter((m) => !m.lines.some((line) => line.startsWith(UNDELIVERABLE))),
    );
    expect(onLark.some((m) => shownLines(m).some((line) => line.startsWith(UNDELIVERABLE)))).toBe(true);
    expect(Object.keys(larkSide).length).toBeGreaterThan(3);
    expect(larkSide).toEqual(simulateSide);
  });
});

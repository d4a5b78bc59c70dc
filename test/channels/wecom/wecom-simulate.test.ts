import { describe, expect, it } from 'vitest';
import type { TemplateCard } from '@wecom/aibot-node-sdk';
import { renderText } from '../../../src/core/render-text';
import { loadRoster } from '../../../src/org/roster';
import { t } from '../../../src/prompts';
import type { WecomSent } from '../../helpers/fake-wecom';
import { linesByChat, playedOnSimulateAnd, UNDELIVERABLE, wangFangsWeek } from '../../helpers/same-scenario';
import { CARD_BUTTONS_LINE, mentionedUserIds, shownLines, wecomBots } from '../../helpers/wecom-harness';

const roster = loadRoster('data/org.yaml');
const GROUP = roster.mainGroup.identities.wecom!.chatid;
/** The whole bot on the real WeCom channel and SDK, against a fake WeCom; stopped after each test. */
const bot = wecomBots();

/** Where a WeCom message went, in simulate's words: "group" or "dm:<roster id>". */
function wecomChat(m: WecomSent): string {
  if (m.chatid === GROUP) return 'group';
  const person = m.chatid ? roster.identifyPerson('wecom', m.chatid) : undefined;
  return person ? `dm:${person.id}` : `chat:${m.chatid}`;
}

/**
 * A WeCom message as the lines a text-only reader gets of the same content (renderText): markdown
 * as it is; a button card as its title, text and the numbered replies its buttons stand for — only
 * the numbered replies when the card follows its own text, sent before it as markdown.
 */
function readLines(m: WecomSent): string[] {
  if (m.body['msgtype'] !== 'template_card') return shownLines(m);
  const card = m.body['template_card'] as TemplateCard;
  const numbered = t('card.reply_with_number', { buttons: (card.button_list ?? []).map((b, i) => `${i + 1}. ${b.text}`).join('  ') });
  if (card.sub_title_text === CARD_BUTTONS_LINE) return [numbered];
  return [`【${card.main_title?.title}】`, ...(card.sub_title_text?.split('\n') ?? []), numbered];
}

describe('the same scenario on simulate and on WeCom', () => {
  it('a week of 王芳 asking, filling in 双公示 and being reminded reads the same to everyone WeCom reaches', async () => {
    const { simulated, h } = await playedOnSimulateAnd(bot, wangFangsWeek().lines);
    const onWecom = h.fake.sent;

    // Compared line by line per chat: WeCom may cut a long text in two.
    const simulateSide = linesByChat('wecom', simulated.map((o) => ({ chat: o.chat, mentions: o.mentions, lines: (o.card ? renderText({ card: o.card }) : o.text).split('\n') })));
    // Only WeCom has people it cannot reach (the sample roster gives some no account); the admins'
    // notices of them are the one thing simulate cannot show.
    const wecomSide = linesByChat(
      'wecom',
      onWecom
        .map((m) => ({ chat: wecomChat(m), mentions: mentionedUserIds(m).map((userId) => roster.identifyPerson('wecom', userId)?.id ?? userId), lines: readLines(m) }))
        .filter((m) => !m.lines.some((line) => line.startsWith(UNDELIVERABLE))),
    );
    expect(onWecom.some((m) => shownLines(m).some((line) => line.startsWith(UNDELIVERABLE)))).toBe(true);
    expect(Object.keys(wecomSide).length).toBeGreaterThan(3);
    expect(wecomSide).toEqual(simulateSide);
  });
});

import { describe, expect, it } from 'vitest';
import { scriptFrom, textsTo } from '../helpers/script';
import { simulate } from '../helpers/simulate';

// 王芳's reminder arrives on Tue 11-17 at 09:30 with ten buttons, 1 = 开始填报 红黑名单.
const BEFORE_REMINDER = '2026-11-17T09:28:00+08:00';

describe('which card a typed number answers', () => {
  it('answers the form’s task picker, not a reminder card that arrived in between', async () => {
    const s = scriptFrom(BEFORE_REMINDER).dm('wang-fang', '填报').at('2026-11-17T09:31:00+08:00').dm('wang-fang', '1');
    const out = await simulate(s.lines);
    const dms = out.filter((o) => o.chat === 'dm:wang-fang');
    const picker = dms[0]!;
    expect(picker.card?.buttons?.[0]?.label).toBe('双公示');
    expect(dms[1]!.card?.buttons?.[0]?.label).toBe('开始填报 红黑名单');
    const answer = dms.slice(2).map((o) => o.text).join('\n');
    expect(answer).toContain('双公示');
    expect(answer).not.toContain('红黑名单');
  });

  it('answers a reminder card when no conversation is waiting', async () => {
    const s = scriptFrom(BEFORE_REMINDER).at('2026-11-17T09:31:00+08:00').dm('wang-fang', '1');
    const out = await simulate(s.lines);
    const reply = textsTo(out, 'dm:wang-fang').at(-1)!;
    expect(reply).toContain('红黑名单');
  });

  it('never lets a reminder card capture a number typed as a form answer', async () => {
    // 双公示's first question wants a number; the reminder arrives while it waits.
    const s = scriptFrom(BEFORE_REMINDER).dm('wang-fang', '填报 双公示').at('2026-11-17T09:31:00+08:00').dm('wang-fang', '2');
    const out = await simulate(s.lines);
    const texts = textsTo(out, 'dm:wang-fang');
    expect(texts.at(-1)).not.toContain('红黑名单');
    expect(texts.slice(2).join('\n')).not.toMatch(/开始填报|填报 红黑名单/);
  });
});

describe('pressing a button', () => {
  it('answers the card pressed, and a pressed card answered again has expired', async () => {
    const s = scriptFrom(BEFORE_REMINDER).dm('wang-fang', '填报').press('wang-fang', '双公示').press('wang-fang', '双公示');
    const out = await simulate(s.lines);
    const dms = out.filter((o) => o.chat === 'dm:wang-fang');
    const pickerId = dms[0]!.messageId;
    // Simulate can edit a sent card: the pressed picker shows the choice and loses its buttons.
    const update = dms.find((o) => o.update === pickerId)!;
    expect(update.card?.buttons).toBeUndefined();
    expect(update.text).toContain('已选择：双公示');
    expect(dms.map((o) => o.text).join('\n')).toContain('这张卡片已失效');
  });

  it('presses the reminder card’s own button even while the picker waits: a press names its card', async () => {
    const s = scriptFrom(BEFORE_REMINDER).dm('wang-fang', '填报').at('2026-11-17T09:31:00+08:00').press('wang-fang', '开始填报 红黑名单').dm('wang-fang', '1');
    const out = await simulate(s.lines);
    const [started, answered] = out.filter((o) => o.chat === 'dm:wang-fang' && !o.update).slice(2);
    // The picker had no answers, so it simply gives way to the pressed task; "1" then answers its first question.
    expect(started!.text).toMatch(/^开始填报「[^」]*红黑名单/);
    expect(answered!.text).toContain('（2/4）');
  });
});

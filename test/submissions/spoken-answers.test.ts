import { describe, expect, it } from 'vitest';
import { botHarness, textOf } from '../helpers/bot-harness';

/** The reply texts of one exchange. */
async function say(h: Awaited<ReturnType<typeof botHarness>>, text: string): Promise<string> {
  return (await h.say('wang-fang', text)).map(textOf).join('\n');
}

describe('双公示 answered the way reporters talk', () => {
  it('reads spoken numbers and sentences, asks back what is unclear, and marks estimates 约', async () => {
    const h = await botHarness({ start: new Date('2026-11-20T01:00:00Z') });
    expect(await say(h, '填报 双公示')).toContain('（1/7）本月作出的行政许可决定数');
    expect(await say(h, '一百二')).toContain('（2/7）已上传至市信用平台的条数');

    expect(await say(h, '118还是119')).toBe(
      '“118还是119”里有 2 个数（118、119），不能确定填哪一个，请只回复一个数。请重新输入「已上传至市信用平台的条数」。\n提示：已上传“双公示”信息的条数，不能大于许可决定数，例如 120',
    );
    expect(await say(h, '100到120')).toMatch(/^“100到120”是一个范围，不能确定填哪个数，请只回复一个确切的数。请重新输入/);
    expect(await say(h, '一百多')).toMatch(/^“一百多”不是确切的数，请回复确切的数；只能估计时可以说「大概120」。请重新输入/);
    expect(await say(h, '120左右')).toContain('（3/7）其中自决定之日起 15 个自然日内上传的条数');

    expect(await say(h, '15天内传了一百一十五条')).toContain('（4/7）');
    expect(await say(h, '合规的有一百一十八条吧')).toContain('（5/7）');
    expect(await say(h, '问题数据有两条')).toContain('（6/7）');
    expect(await say(h, '俩')).toContain('（7/7）');
    const summary = await say(h, '跳过');
    expect(summary).toContain('1. 本月作出的行政许可决定数：120件');
    expect(summary).toContain('2. 已上传至市信用平台的条数：约120条');
    expect(summary).toContain('3. 其中自决定之日起 15 个自然日内上传的条数：115条');
    expect(summary).toContain('4. 其中符合数据报送标准（合规）的条数：118条');
    expect(summary).toContain('5. 本月平台反馈的问题数据条数：2条');
    expect(summary).toContain('6. 其中 3 个工作日内完成修改的条数：2条');
    expect(summary).toContain('合规率：98.3%');

    expect(await say(h, '确认')).toMatch(/^✅ 已提交「双公示」2026年11月/);
    const saved = h.state().submissions.at(-1)!;
    expect(saved.answers).toMatchObject({ decisions: 120, uploaded: 120, timely: 115, compliant: 118, problems: 2, fixed_in_time: 2 });
    expect(saved.approximate).toEqual(['uploaded']);
  });

  it('drops the 约 when an estimate is corrected to an exact number', async () => {
    const h = await botHarness({ start: new Date('2026-11-20T01:00:00Z') });
    for (const text of ['填报 双公示', '大概一千五', '1500', '1500', '1500', '0', '0', '跳过']) await say(h, text);
    expect(await say(h, '修改 1')).toContain('（1/7）本月作出的行政许可决定数');
    const summary = await say(h, '1500');
    expect(summary).toContain('1. 本月作出的行政许可决定数：1500件');
    await say(h, '确认');
    expect(h.state().submissions.at(-1)!.approximate).toBeUndefined();
  });

  it('keeps the 约 when a returned submission reopens with its answers', async () => {
    const h = await botHarness({ start: new Date('2026-11-20T01:00:00Z') });
    for (const text of ['填报 双公示', '大概一千五', '1500', '1500', '1500', '0', '0', '跳过', '确认']) await say(h, text);
    await h.say('xu-wenbo', '退回 商事登记科 双公示 许可决定数请核实');
    const reopened = await say(h, '填报 双公示');
    expect(reopened).toContain('许可决定数请核实');
    expect(reopened).toContain('1. 本月作出的行政许可决定数：约1500件');
  });
});

describe('是否 questions answered in words', () => {
  it.each([
    ['没有发生', '否'],
    ['没发生', '否'],
    ['不存在', '否'],
    ['发生了', '是'],
  ])('%s → %s', async (answer, shown) => {
    const h = await botHarness({ start: new Date('2026-11-20T01:00:00Z') });
    await say(h, '填报 失信事件');
    const next = await say(h, answer);
    const summary = shown === '否' ? next : await say(h, '已按规定处置并反馈');
    expect(summary).toContain(`1. 本月是否发生严重失信事件或互联网曝光的负面信用事件：${shown}`);
  });

  it('asks back an answer that says both or hedges', async () => {
    const h = await botHarness({ start: new Date('2026-11-20T01:00:00Z') });
    await say(h, '填报 失信事件');
    expect(await say(h, '是的，没有发生')).toMatch(/^“是的，没有发生”里既有肯定也有否定，请只回复「是」或「否」。请重新输入「本月是否发生/);
    expect(await say(h, '不确定')).toMatch(/^“不确定”没有说定，请核实后回复「是」或「否」。/);
  });
});

import { describe, expect, it } from 'vitest';
import type { SimulatedOutput } from '../../src/channels/simulate-channel';
import { lastTo, scriptFrom, textsTo } from '../helpers/script';
import { simulate } from '../helpers/simulate';

const tasksFile = 'test/fixtures/ranking-tasks.yaml';

/** What reached the group that looks like a ranking notice. */
const noticesInGroup = (out: SimulatedOutput[]) => out.filter((o) => o.chat === 'group' && o.card?.title.includes('通报'));

/** The two tasks of the fixture, both due Thursday 2026-11-26 18:00; the draft comes on the 27th at 10:00. */
function november() {
  return scriptFrom('2026-11-20T09:00:00+08:00')
    .dm('chen-siyuan', '填报 报表甲', '3', '确认')
    .dm('wang-fang', '填报 报表甲', '2', '确认')
    .dm('liu-yang', '填报 报表乙', '5', '5', '确认')
    .dm('xu-wenbo', '退回 建设项目科 报表乙 件数与系统不符');
}

describe('publishing the ranking notice: what was seen in November must not happen again', () => {
  it('refuses November on the 24th, before its last deadline, naming that deadline, and posts nothing', async () => {
    const s = scriptFrom('2026-11-24T10:00:00+08:00').dm('xu-wenbo', '排名 发布 2026-11', '确认发布');
    const out = await simulate(s.lines);
    expect(textsTo(out, 'dm:xu-wenbo').slice(-2)).toEqual([
      '2026年11月的排名通报还不能发布：本月最后一项任务截止于 2026年11月26日 18:00，截止之后才能发布。现在可发送「排名 预览 2026-11」查看当前情况（仅供参考）。',
      '没有等您确认发布的通报。请先发送「排名 发布 [月份]」查看将发布的全文，再回复「确认发布」。',
    ]);
    expect(noticesInGroup(out)).toEqual([]);
  });

  it('refuses a future month outright, to preview as well as to publish', async () => {
    const s = scriptFrom('2026-11-24T10:00:00+08:00').dm('xu-wenbo', '排名 发布 2027-05', '排名 预览 2027-05', '排名 发布 12月');
    const out = await simulate(s.lines);
    // "12月" on 11-24 means the coming December (the nearest one), which has not begun either.
    expect(textsTo(out, 'dm:xu-wenbo').slice(-3)).toEqual(['2027年5月还没有到，不能预览或发布它的排名。', '2027年5月还没有到，不能预览或发布它的排名。', '2026年12月还没有到，不能预览或发布它的排名。']);
    expect(noticesInGroup(out)).toEqual([]);
  });

  it('on 12-28, with December\'s draft just sent, a plain 排名 发布 means December — not a correction of November', async () => {
    const s = scriptFrom('2026-11-16T10:00:00+08:00')
      .dm('xu-wenbo', '排名')
      .at('2026-11-27T10:30:00+08:00')
      .dm('xu-wenbo', '排名 发布', '确认发布')
      .at('2026-12-28T10:05:00+08:00')
      .dm('xu-wenbo', '排名 发布');
    const out = await simulate(s.lines);
    const drafts = out.filter((o) => o.chat === 'dm:xu-wenbo' && o.card?.title.startsWith('草稿：'));
    expect(drafts.map((o) => [o.at, o.card!.title])).toEqual([
      ['2026-11-27T10:00:00+08:00', '草稿：关于2026年11月份信用监测任务完成情况的通报'],
      ['2026-12-28T10:00:00+08:00', '草稿：关于2026年12月份信用监测任务完成情况的通报'],
    ]);
    const [shown, question] = out.filter((o) => o.chat === 'dm:xu-wenbo' && o.at === '2026-12-28T10:06:00+08:00');
    expect(shown!.card!.title).toBe('关于2026年12月份信用监测任务完成情况的通报');
    expect(question!.card!.lines![0]).toBe('以上是将发布到工作群的2026年12月排名通报。');
    // Nobody submitted anything in this script's December: the admin is warned before confirming.
    expect(question!.card!.lines![1]).toBe('注意：2026年12月没有任何填报记录，所有科室都按未报计分。请确认这个月确实使用了本助手收集填报。');
    expect(noticesInGroup(out).map((o) => o.card!.title)).toEqual(['关于2026年11月份信用监测任务完成情况的通报']);
  });

  it('does nothing when a month is published again unchanged, and says so', async () => {
    const s = november()
      .at('2026-11-27T10:30:00+08:00')
      .dm('xu-wenbo', '排名 发布 2026-11', '确认发布', '排名 发布 2026-11')
      .dm('lin-xiaoyan', '排名 发布', '排名 预览');
    const out = await simulate(s.lines, { tasksFile });
    const unchanged = '2026年11月的排名通报已于 11月27日 10:32 由许文博发布，此后排名没有任何变化，无需更正，本次未发布。';
    expect(lastTo(out, 'dm:xu-wenbo')).toBe(unchanged);
    expect(textsTo(out, 'dm:lin-xiaoyan').at(-2)).toBe(unchanged);
    expect(lastTo(out, 'dm:lin-xiaoyan')).toContain('本月通报已于 11月27日 10:32 发布，当前填报与已发布的版本一致，无需更正。');
    expect(noticesInGroup(out)).toHaveLength(1);
  });

  it('publishes a real correction marked （更正） that lists which sections\' scores and ranks changed, before → after', async () => {
    const s = november()
      .at('2026-11-27T10:30:00+08:00')
      .dm('xu-wenbo', '排名 发布 2026-11', '确认发布')
      .at('2026-11-30T09:30:00+08:00')
      .dm('liu-yang', '1', '填报 报表乙', '5', '5', '确认')
      .dm('xu-wenbo', '排名 发布 2026-11', '确认发布');
    const out = await simulate(s.lines, { tasksFile });
    const [first, correction] = noticesInGroup(out);
    expect(first!.text).not.toContain('更正');
    expect(correction!.card!.title).toBe('关于2026年11月份信用监测任务完成情况的通报（更正）');
    expect(correction!.card!.lines!.slice(0, 6)).toEqual([
      '各科室：',
      '现对2026年11月27日发布的本月通报更正如下：',
      '建设项目审批服务科：得分 0.0 → 60.0，名次 第3名（并列） → 第2名，按时/逾期/未报 0/0/1 → 0/1/0。',
      '商事登记项目审批服务科：名次 第2名 → 第3名。',
      '组织人事科：名次 第3名（并列） → 第4名（并列）。',
      '社会事务项目审批服务科：名次 第3名（并列） → 第4名（并列）。',
    ]);
    // Sections whose line did not change (办公室) are not listed; the notice goes on as usual.
    expect(correction!.card!.lines![6]).toBe('现将2026年11月份信用监测任务完成情况通报如下。');
    expect(lastTo(out, 'dm:xu-wenbo')).toBe('已将2026年11月的排名通报（更正）发布到工作群，替换 11月27日 10:32 发布的版本。');
  });
});

describe('publishing is two steps: 排名 发布 shows it, 确认发布 posts it', () => {
  it('shows the admin exactly what will be posted, and posts that after 确认发布', async () => {
    const s = november().at('2026-11-27T10:30:00+08:00').dm('xu-wenbo', '排名 发布');
    const shownOnly = await simulate(s.lines, { tasksFile });
    expect(noticesInGroup(shownOnly)).toEqual([]);
    const [shown, question] = shownOnly.filter((o) => o.chat === 'dm:xu-wenbo').slice(-2);
    expect(shown!.card!.buttons).toBeUndefined();
    expect(question!.text).toBe(
      '【确认发布】\n以上是将发布到工作群的2026年11月排名通报。\n核对无误请在 11月27日 11:31 前回复「确认发布」；逾时需重新发送「排名 发布 2026-11」。不发布则无需回复。\n回复序号：1. 确认发布',
    );

    const out = await simulate(s.dm('xu-wenbo', '1').lines, { tasksFile });
    const [posted] = noticesInGroup(out);
    expect(posted!.text).toBe(shown!.text);
    expect(posted!.mentions).toEqual([]);
    expect(lastTo(out, 'dm:xu-wenbo')).toBe('已将2026年11月的排名通报发布到工作群。');
  });

  it('takes confirmation only from the admin who was shown it', async () => {
    const s = november()
      .at('2026-11-27T10:30:00+08:00')
      .dm('xu-wenbo', '排名 发布')
      .dm('lin-xiaoyan', '确认发布')
      .dm('wang-fang', '确认发布');
    const out = await simulate(s.lines, { tasksFile });
    expect(lastTo(out, 'dm:lin-xiaoyan')).toBe(
      '没有等您确认发布的通报。请先发送「排名 发布 [月份]」查看将发布的全文，再回复「确认发布」。\n（许文博正在发布2026年11月的通报，需由其本人确认；您也可以发送「排名 发布 2026-11」自己核对后确认。）',
    );
    expect(lastTo(out, 'dm:wang-fang')).toContain('管理员');
    expect(noticesInGroup(out)).toEqual([]);
  });

  it('lets a confirmation lapse after an hour, and then has nothing pending', async () => {
    const s = november()
      .at('2026-11-27T10:30:00+08:00')
      .dm('xu-wenbo', '排名 发布')
      .at('2026-11-27T11:32:00+08:00')
      .dm('lin-xiaoyan', '确认发布')
      .dm('xu-wenbo', '确认发布', '确认发布');
    const out = await simulate(s.lines, { tasksFile });
    // A lapsed confirmation is no longer mentioned to the other admins.
    expect(lastTo(out, 'dm:lin-xiaoyan')).toBe('没有等您确认发布的通报。请先发送「排名 发布 [月份]」查看将发布的全文，再回复「确认发布」。');
    expect(textsTo(out, 'dm:xu-wenbo').slice(-2)).toEqual([
      '您于 11月27日 10:31 查看的2026年11月排名通报超过 60 分钟未确认，已作废，未发布。如需发布，请重新发送「排名 发布 2026-11」。',
      '没有等您确认发布的通报。请先发送「排名 发布 [月份]」查看将发布的全文，再回复「确认发布」。',
    ]);
    expect(noticesInGroup(out)).toEqual([]);
  });

  it('shows the new version and asks again when submissions change between showing and confirming', async () => {
    const s = november()
      .at('2026-11-27T10:30:00+08:00')
      .dm('xu-wenbo', '排名 发布')
      .dm('liu-yang', '1', '填报 报表乙', '5', '5', '确认')
      .dm('xu-wenbo', '确认发布');
    const out = await simulate(s.lines, { tasksFile });
    expect(noticesInGroup(out)).toEqual([]);
    const [why, shown, question] = out.filter((o) => o.chat === 'dm:xu-wenbo').slice(-3);
    expect(why!.text).toBe('您于 11月27日 10:31 查看2026年11月的通报后，填报或排名有了变化，刚才的版本未发布。以下是现在将发布的版本，请重新核对。');
    expect(shown!.text).toContain('2｜建设项目审批服务科｜60.0｜0/1/0');
    expect(question!.card!.title).toBe('确认发布');

    const confirmed = await simulate(s.dm('xu-wenbo', '确认发布').lines, { tasksFile });
    expect(noticesInGroup(confirmed).map((o) => o.text)).toEqual([shown!.text]);
  });

  it('keeps the notice out of the group until confirmed when an admin asks there', async () => {
    const s = november().at('2026-11-27T10:30:00+08:00').group('xu-wenbo', '排名 发布').group('xu-wenbo', '排名 预览');
    const out = await simulate(s.lines, { tasksFile });
    expect(textsTo(out, 'group').slice(-2)).toEqual(['已私聊发送2026年11月待发布的排名通报，您回复「确认发布」后才会发到群里。', '已私聊发送2026年11月的排名草稿。']);
    expect(noticesInGroup(out)).toEqual([]);
    expect(textsTo(out, 'dm:xu-wenbo').at(-3)).toContain('【关于2026年11月份信用监测任务完成情况的通报】');
  });
});

describe('which month 排名 发布 and 排名 预览 mean', () => {
  it('without drafts and a month the bot ran, none; a month still open is previewed as provisional, never published', async () => {
    const s = scriptFrom('2026-11-24T10:00:00+08:00').dm('xu-wenbo', '排名 预览', '排名 预览 本月');
    const [none, november] = textsTo(await simulate(s.lines, { tasksFile }), 'dm:xu-wenbo');
    expect(none).toMatch(/^还没有可以预览的月份：本助手从2026年11月起完整收集填报，2026年11月的排名通报在最后一项任务截止（2026年11月26日 18:00）之后/);
    expect(november).toContain('【草稿（未截止，仅供参考）：关于2026年11月份信用监测任务完成情况的通报】');
    expect(november).toContain('注意：本月任务最后截止于 11月26日 18:00，尚未截止。');
    expect(november).not.toContain('回复序号');
  });

  it('names what it did not understand', async () => {
    const s = scriptFrom('2026-11-27T10:30:00+08:00').dm('xu-wenbo', '排名 发布 2026-13');
    expect(lastTo(await simulate(s.lines, { tasksFile }), 'dm:xu-wenbo')).toBe(
      '没有「2026-13」这个月份：一年只有 1 至 12 月。您是不是要找 2026-12？月份可以写成 2026-11、11月、本月 或 上月。',
    );
  });
});

describe('the default month is one the bot ran: no all-zero notice for a month it never collected', () => {
  const lastWords = (out: SimulatedOutput[], n: number) => textsTo(out, 'dm:xu-wenbo').slice(-n);

  it('first run on 10-28: on 11-24 a plain 排名 发布 or 预览 says November is not ready yet, instead of offering October', async () => {
    const s = scriptFrom('2026-10-28T09:00:00+08:00').dm('xu-wenbo', '帮助').at('2026-11-24T10:00:00+08:00').dm('xu-wenbo', '排名 发布', '排名 预览', '确认发布');
    const out = await simulate(s.lines);
    const [publish, preview, confirm] = lastWords(out, 3);
    expect(publish).toBe('还没有可以发布的月份：本助手从2026年11月起完整收集填报，2026年11月的排名通报在最后一项任务截止（2026年11月26日 18:00）之后才能发布。如需查看其他月份，请写明月份，例如「排名 预览 2026-10」。');
    expect(preview).toContain('还没有可以预览的月份：本助手从2026年11月起完整收集填报');
    expect(confirm).toContain('没有等您确认发布的通报');
    expect(out.some((o) => o.card?.title.includes('2026年10月'))).toBe(false);
    expect(noticesInGroup(out)).toEqual([]);
  });

  it('a fresh store on 11-24 names December, the first month it runs in full', async () => {
    const out = await simulate(scriptFrom('2026-11-24T10:00:00+08:00').dm('xu-wenbo', '排名 发布').lines);
    expect(lastWords(out, 1)[0]).toContain('本助手从2026年12月起完整收集填报，2026年12月的排名通报在最后一项任务截止（2026年12月');
  });

  it('after November closes, the default is November once the bot ran it, even before its draft is sent', async () => {
    const s = scriptFrom('2026-10-28T09:00:00+08:00').dm('xu-wenbo', '帮助').at('2026-11-26T19:00:00+08:00').dm('xu-wenbo', '排名 预览');
    const out = await simulate(s.lines);
    expect(out.filter((o) => o.chat === 'dm:xu-wenbo').at(-1)!.card!.title).toBe('草稿：关于2026年11月份信用监测任务完成情况的通报');
  });

  it('October named explicitly on a fresh store: previewed with the reason it cannot be published, and 排名 发布 2026-10 refuses', async () => {
    const s = scriptFrom('2026-11-24T10:00:00+08:00').dm('xu-wenbo', '排名 预览 2026-10', '排名 发布 2026-10', '确认发布');
    const out = await simulate(s.lines);
    const shown = out.find((o) => o.chat === 'dm:xu-wenbo' && o.card?.title.includes('2026年10月'))!;
    expect(shown.card!.buttons ?? []).toEqual([]);
    const never = '2026年10月不能发布：本助手没有收集这个月的填报（它在本月首个截止日之后才开始运行），也没有任何科室通过本助手报送，发布出去所有科室都会被记为未报。这个月的完成情况请以原有台账为准。';
    expect(shown.card!.footer!.at(-1)).toBe(never);
    const [refused, confirm] = lastWords(out, 2);
    expect(refused).toBe(never);
    expect(confirm).toContain('没有等您确认发布的通报');
    expect(noticesInGroup(out)).toEqual([]);
  });
});

describe('a month the bot started in the middle of', () => {
  it('can be published by name once someone submitted through the bot, under a warning about the deadlines before it started', async () => {
    const s = scriptFrom('2026-11-23T10:00:00+08:00')
      .dm('wang-fang', '填报 双公示', '100', '100', '100', '100', '0', '0', '跳过', '确认')
      .at('2026-11-27T10:30:00+08:00')
      .dm('xu-wenbo', '排名 发布', '排名 发布 2026-11');
    const out = await simulate(s.lines);
    expect(textsTo(out, 'dm:xu-wenbo').find((t) => t.startsWith('还没有可以发布的月份'))).toContain('本助手从2026年12月起完整收集填报');
    const question = out.filter((o) => o.chat === 'dm:xu-wenbo' && o.card?.title === '确认发布').at(-1)!;
    expect(question.card!.lines).toContain('注意：本助手 11月23日 10:00 才开始运行，2026年11月在此之前截止的任务，凡未通过本助手报送的都按未报计分。请核对这些科室是否已用其他方式报送，确认无误再发布。');
  });
});

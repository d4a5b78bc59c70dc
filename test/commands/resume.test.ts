import { describe, expect, it } from 'vitest';
import { scriptFrom, textsTo } from '../helpers/script';
import { simulate } from '../helpers/simulate';

const forms = (out: Awaited<ReturnType<typeof simulate>>, chat: string) => textsTo(out, chat).filter((t) => !t.startsWith('【填报提醒】'));

describe('继续填报', () => {
  it('lists several set-aside forms, newest first, and resumes the one chosen by number', async () => {
    const s = scriptFrom('2026-11-20T09:00:00+08:00')
      .dm('wang-fang', '填报 双公示', '120', '填报 信用承诺', '放一边', '45', '填报 失信事件', '放一边')
      .group('wang-fang', '继续填报')
      .dm('wang-fang', '继续填报 9', '1', '放一边', '30');
    const out = await simulate(s.lines);
    expect(textsTo(out, 'group')).toEqual(['已私聊 王芳，请在与信用助手的私聊中继续填报。']);
    const texts = forms(out, 'dm:wang-fang');
    const list = texts.find((t) => t.startsWith('【未完成的填报】'))!;
    expect(list).toMatch(/^【未完成的填报】\n1\. 信用承诺（2026年11月 · 商事登记项目审批服务科，第 2\/4 项） — 11月20日 09:06 放一边\n2\. 双公示（2026年11月 · 商事登记项目审批服务科，第 2\/7 项） — 11月20日 09:03 放一边\n/);
    expect(texts).toContain('没有第 9 份，请回复 1 到 2 之间的序号。');
    // "1" presses the list's first button; the open 失信事件 form is set aside first.
    expect(texts.at(-4)).toContain('要把它放一边、开始「信用承诺（2026年11月 · 商事登记项目审批服务科，第 2/4 项）」吗？');
    expect(texts.at(-3)).toBe('已把「失信事件（2026年11月 · 商事登记项目审批服务科，第 1/2 项）」放一边，发送「继续填报」可以接着填。');
    expect(texts.at(-2)).toMatch(/^已恢复「信用承诺（.*第 2\/4 项）」，接着填：\n（2\/4）/);
    expect(texts.at(-1)).toMatch(/^（3\/4）/);
  });

  it('says when there is nothing to resume', async () => {
    const out = await simulate(scriptFrom('2026-11-20T09:00:00+08:00').dm('zhao-lei', '继续填报').lines);
    expect(forms(out, 'dm:zhao-lei')).toEqual(['没有放在一边或过期的表单（过期的表单保留 7 天）。要开始新的填报，请发送「填报」。']);
  });

  it('with a form open and nothing set aside, says the open form is the one in progress and where it stands', async () => {
    const out = await simulate(scriptFrom('2026-11-20T09:00:00+08:00').dm('wang-fang', '填报 双公示', '120', '继续填报').lines);
    const texts = forms(out, 'dm:wang-fang');
    expect(texts.at(-1)).toBe('没有放在一边的表单。您正在填的是「双公示（2026年11月 · 商事登记项目审批服务科，第 2/7 项）」，直接回复即可接着填：\n（2/7）已上传至市信用平台的条数\n提示：已上传“双公示”信息的条数，不能大于许可决定数，例如 120');
    expect(texts.join('\n')).not.toContain('没有放在一边或过期的表单');
  });

  it('填报 the form already open shows it once', async () => {
    const out = await simulate(scriptFrom('2026-11-20T09:00:00+08:00').dm('wang-fang', '填报 双公示', '120', '填报 双公示').lines);
    expect(forms(out, 'dm:wang-fang').slice(2)).toEqual([expect.stringMatching(/^📝 「双公示（.*第 2\/7 项）」正在填写中，接着填：\n（2\/7）/)]);
  });
});

import { describe, expect, it } from 'vitest';
import { commandList } from '../../commands/index';
import { botHarness, textOf } from '../helpers/bot-harness';

/** Each form of a command's usage with its placeholders filled as a person would. */
function examples(usage: string): string[] {
  const fill: Record<string, string> = { 科室: '商事科', 任务: '双公示', 月份: '11月', 编号: '1', 理由: '数据与系统不符', 问题: '什么是红名单', 序号: '1' };
  // 「排名 预览/发布 [月份]」 is two forms.
  const forms = usage.split('｜').flatMap((form) => {
    const either = /(\S+)\/(\S+)/.exec(form);
    return either ? [form.replace(either[0], either[1]!), form.replace(either[0], either[2]!)] : [form];
  });
  return forms.flatMap((form) => {
    const bare = form.replace(/\s*\[[^\]]*\]/g, '').trim();
    const filled = form.replace(/\[([^\]|]*)(\|[^\]]*)?\]/g, '$1');
    return [bare, filled].map((f) => f.replace(/科室|任务|月份|编号|理由|问题|序号/g, (w) => fill[w]!));
  });
}

describe('nothing private is answered in the group, whatever command is asked there', () => {
  it('every command an admin or a head asks in the group answers there in one line at most, or with a reminder to others', async () => {
    const h = await botHarness({ start: new Date('2026-11-24T10:00:00+08:00') });
    await h.say('wang-fang', '填报 红黑名单');
    for (const answer of ['0', '0', '0', '跳过', '确认']) await h.say('wang-fang', answer);
    await h.say('xu-wenbo', '退回 商事科 红黑名单 数据与系统不符');
    const leaks: string[] = [];
    for (const command of commandList.filter((c) => !c.public)) {
      for (const text of [...new Set(examples(command.usage ?? command.name))]) {
        for (const who of ['xu-wenbo', 'sun-haoran']) {
          const inGroup = (await h.say(who, text, { chat: 'group' })).filter((o) => o.to.kind === 'group' || ('chatType' in o.to && o.to.chatType === 'group'));
          for (const out of inGroup) {
            const said = textOf(out);
            // A reminder @-mentions the reporters it is for; a reply only its asker.
            if (said.split('\n').length > 1 && !out.mentions.some((id) => id !== who)) leaks.push(`${who}: ${text} → ${said.slice(0, 60)}`);
            if (/13800000|@example\.com|数据与系统不符/.test(said)) leaks.push(`${who}: ${text} → ${said.slice(0, 60)}`);
          }
          // Whatever was left open in the direct chat is closed before the next command.
          await h.say(who, '取消');
        }
      }
    }
    expect(leaks).toEqual([]);
  });
});

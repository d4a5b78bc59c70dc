import { describe, expect, it } from 'vitest';
import { lastTo, scriptFrom, textsTo } from '../helpers/script';
import { simulate } from '../helpers/simulate';

describe('policy questions in chat', () => {
  it('answers in the group only when @-mentioned, quoting document and clause', async () => {
    const s = scriptFrom('2026-11-10T09:00:00+08:00')
      .group('wang-fang', '双公示信息要在多少天内上传？')
      .group('wang-fang', '@信用助手 双公示信息要在多少天内上传？');
    const out = await simulate(s.lines);
    expect(textsTo(out, 'group')).toHaveLength(1);
    expect(out[0]!.mentions).toEqual(['wang-fang']);
    expect(out[0]!.text).toMatch(/^根据《济南市历城区行政审批服务局落实信用状况监测工作实施方案》三、（一）2：“.*15个自然日内上传至市信用信息共享平台/);
  });

  it('answers every question in a direct chat, and 问 as a command, also for people outside the roster', async () => {
    const s = scriptFrom('2026-11-10T09:00:00+08:00').dm('he-jing', '红黑名单月报表每月几号前报？').group('张三', '问 异议处理函收到后多久要处理完？').dm('he-jing', '问');
    const out = await simulate(s.lines);
    expect(textsTo(out, 'dm:he-jing')[0]).toContain('每月20日前');
    expect(lastTo(out, 'group')).toContain('1个工作日内完成');
    expect(lastTo(out, 'dm:he-jing')).toBe('请在「问」后面写上问题，例如「问 双公示信息要在多少天内上传？」。');
  });
});

describe('资料', () => {
  it('lists the loaded documents with number, date and passages', async () => {
    const out = await simulate(scriptFrom('2026-11-10T09:00:00+08:00').dm('wang-fang', '资料').lines);
    const lines = lastTo(out, 'dm:wang-fang').split('\n');
    expect(lines[0]).toBe('【已加载的资料（5 份）】');
    expect(lines[1]).toMatch(/^1\. 《济南市历城区行政审批服务局落实信用状况监测工作实施方案》（济历城行审发〔2022〕2号） 2022年2月28日｜历城区行政审批服务局落实信用状况监测工作实施方案\.txt｜\d+ 段$/);
    expect(lines).toContain('回答方式：摘录原文条款');
  });

  it('reloads for admins only', async () => {
    const s = scriptFrom('2026-11-10T09:00:00+08:00').dm('wang-fang', '资料 重新加载').dm('xu-wenbo', '资料 重新加载');
    const out = await simulate(s.lines);
    expect(lastTo(out, 'dm:wang-fang')).toBe('「资料 重新加载」只有管理员可以使用，您是专人。发送「帮助」查看您能用的命令。');
    expect(lastTo(out, 'dm:xu-wenbo')).toMatch(/^已重新加载资料：5 份文件，共 \d+ 段。$/);
  });
});

import { describe, expect, it } from 'vitest';
import { runNpmScript } from '../helpers/run-cli';

describe('npm run ask', () => {
  it('prints one JSON answer with citations', async () => {
    const { code, stdout } = await runNpmScript('ask', ['--json', '双公示信息要在多少天内上传？']);
    expect(code).toBe(0);
    const answer = JSON.parse(stdout);
    expect(answer.refused).toBe(false);
    expect(answer.citations[0]).toEqual({
      doc: '历城区行政审批服务局落实信用状况监测工作实施方案.txt',
      title: '济南市历城区行政审批服务局落实信用状况监测工作实施方案',
      section: '三、（一）2',
      quote: '“双公示”信息应自作出行政许可决定之日起，15个自然日内上传至市信用信息共享平台。',
    });
  });

  it('answers each line of standard input with one JSON line', async () => {
    const { stdout } = await runNpmScript('ask', ['--json'], { input: '红黑名单月报表每月几号前报？\n\n食堂中午几点开饭？\n' });
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.refused)).toEqual([false, true]);
    expect(lines[0].answer).toContain('每月20日前');
  });

  it('prints plain text without --json', async () => {
    const { stdout } = await runNpmScript('ask', ['食堂中午几点开饭？']);
    expect(stdout).toMatch(/^在已加载的文件中没有找到能回答这个问题的规定/);
  });
});

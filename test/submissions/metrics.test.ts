import { describe, expect, it } from 'vitest';
import { loadRoster } from '../../src/org/roster';
import { computeMetrics, describeMetric } from '../../src/submissions/metrics';
import { loadTaskCatalog } from '../../src/tasks/catalog';

const catalog = loadTaskCatalog('data/tasks.yaml', loadRoster('data/org.yaml'));

describe('metrics', () => {
  const task = catalog.task('double_publicity')!;
  const results = (answers: Record<string, unknown>) => computeMetrics(task, answers).map(describeMetric);

  it('passes a month that meets every target', () => {
    expect(results({ decisions: 100, uploaded: 100, timely: 100, compliant: 100, problems: 1, fixed_in_time: 1 })).toEqual([
      '上报率：100.0% ✅', '及时率：100.0% ✅', '合规率：100.0% ✅', '迟报率：0.0% ✅', '问题数据按时修改率：100.0% ✅',
    ]);
  });

  it('names each plan whose target is missed: 98% 合规率 misses 历城 only, 97% misses both', () => {
    expect(results({ decisions: 100, uploaded: 100, timely: 94, compliant: 98, problems: 0, fixed_in_time: 0 })).toEqual([
      '上报率：100.0% ✅',
      '及时率：94.0% ⚠️ 未达目标：历城方案≥100.0%',
      '合规率：98.0% ⚠️ 未达目标：历城方案≥100.0%',
      '迟报率：6.0% ⚠️ 未达目标：槐荫方案≤5.0%',
      '问题数据按时修改率：不适用',
    ]);
    expect(results({ decisions: 100, uploaded: 100, timely: 100, compliant: 97, problems: 0, fixed_in_time: 0 })[2]).toBe('合规率：97.0% ⚠️ 未达目标：历城方案≥100.0%；槐荫方案≥98.0%');
  });

  it('computes the 信用核查 application ratio and counts list entries', () => {
    const checks = computeMetrics(catalog.task('credit_checks')!, { entities: 300, checks: 240, sanctions: 300 });
    expect(checks.map((m) => m.value)).toEqual([0.8, 1]);
    const news = computeMetrics(catalog.task('credit_news')!, { articles: [] });
    expect(describeMetric(news[0]!)).toBe('报送篇数：0 ⚠️ 未达目标：历城方案（每月 1 篇）≥1');
  });
});

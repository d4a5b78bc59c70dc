import { describe, expect, it } from 'vitest';
import { loadRoster } from '../../src/org/roster';
import { t } from '../../src/prompts';
import { loadTaskCatalog } from '../../src/tasks/catalog';
import { answerAboutProcess } from '../../src/tasks/process-answer';

const catalog = loadTaskCatalog('data/tasks.yaml', loadRoster('data/org.yaml'));
const november = new Date('2026-11-24T10:00:00+08:00');
const december = new Date('2026-12-01T10:00:00+08:00');

describe('questions about the department\'s own process', () => {
  it('双公示的截止日期是哪天: this month\'s own deadline, not another district\'s rule', () => {
    expect(answerAboutProcess('双公示的截止日期是哪天', catalog, november)).toBe(
      [t('process.from_schedule'), '「双公示」2026年11月截止 11月26日（周四）18:00。'].join('\n'),
    );
  });

  it('红黑名单这个月几号截止: a due day on a Sunday is shown moved to the Friday before', () => {
    expect(answerAboutProcess('红黑名单这个月几号截止', catalog, december)).toContain('「红黑名单」2026年12月截止 12月18日（周五）18:00（原定每月 20 日，遇周末或节假日已调整）。');
  });

  it('a deadline already passed this month says so, and gives next month\'s', () => {
    expect(answerAboutProcess('红黑名单几号截止', catalog, november)!.split('\n')[1]).toBe(
      '「红黑名单」2026年11月截止 11月20日（周五）18:00。（已过截止时间）下月：「红黑名单」2026年12月截止 12月18日（周五）18:00（原定每月 20 日，遇周末或节假日已调整）。',
    );
  });

  it('截止那天赶上周末咋办: the rule for days off', () => {
    const answer = answerAboutProcess('截止那天赶上周末咋办', catalog, november)!;
    expect(answer.split('\n')[1]).toMatch(/^截止日遇周末或法定节假日时，提前到之前最近的工作日.*双公示/);
  });

  it('没按时报会扣分吗: a late report counts for the late fraction of its weight', () => {
    expect(answerAboutProcess('没按时报会扣分吗', catalog, november)).toContain('按该项分值的 60% 计分');
  });

  it('leaves policy questions to the documents', () => {
    for (const question of ['双公示信息要在多少天内上传？', '老赖会被限制坐飞机吗', '什么时候开会']) {
      expect(answerAboutProcess(question, catalog, november), question).toBeUndefined();
    }
  });
});

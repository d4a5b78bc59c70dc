import { describe, expect, it } from 'vitest';
import { newTaskId, planCard, updatedCard } from '../../../src/channels/wecom/template-card';
import { t } from '../../../src/prompts';

const buttons = (n: number) => Array.from({ length: n }, (_, i) => ({ label: `选项${i + 1}`, value: `值${i + 1}` }));

describe('a card on WeCom', () => {
  it('short, with up to six buttons, no one to @: one button card, each key the button\'s value', () => {
    const plan = planCard({ title: '是否存在失信事件？', lines: ['本月是否发生？'], buttons: buttons(2) }, 'cr_1', '');
    expect(plan).toEqual({
      card: {
        card_type: 'button_interaction',
        main_title: { title: '是否存在失信事件？' },
        sub_title_text: '本月是否发生？',
        button_list: [{ text: '选项1', key: '值1', style: 1 }, { text: '选项2', key: '值2', style: 1 }],
        task_id: 'cr_1',
      },
    });
  });

  it('longer than a card shows whole, or @-mentioning someone: its text as markdown, then the buttons on a card', () => {
    const long = planCard({ title: '请核对', lines: ['甲'.repeat(113)], buttons: buttons(3) }, 'cr_2', '');
    expect(long.markdown).toBe(`【请核对】\n${'甲'.repeat(113)}`);
    expect(long.card).toMatchObject({ card_type: 'button_interaction', sub_title_text: t('wecom.card_buttons'), task_id: 'cr_2' });
    const mentioning = planCard({ title: '提醒', lines: ['请填报'], buttons: buttons(1) }, 'cr_3', '<@WangFang>');
    expect(mentioning.markdown).toBe('<@WangFang> 【提醒】\n请填报');
    expect(mentioning.card?.button_list).toHaveLength(1);
  });

  it('more buttons than a card holds (six), or none: markdown only, the buttons as numbered replies', () => {
    const seven = planCard({ title: '选择任务', lines: [], buttons: buttons(7) }, 'cr_4', '');
    expect(seven.card).toBeUndefined();
    expect(seven.markdown).toContain(t('card.reply_with_number', { buttons: buttons(7).map((b, i) => `${i + 1}. ${b.label}`).join('  ') }));
    expect(planCard({ title: '通报', lines: ['第一名'] }, 'cr_5', '')).toEqual({ markdown: '【通报】\n第一名' });
  });

  it('updated after a press: a notice with the same task_id; a long text keeps its last line, what was chosen', () => {
    expect(updatedCard({ title: '请核对', lines: ['甲'.repeat(200)], footer: ['已选择：确认提交'] }, 'cr_2')).toEqual({
      card_type: 'text_notice',
      main_title: { title: '请核对' },
      sub_title_text: '已选择：确认提交',
      task_id: 'cr_2',
    });
  });

  it('task ids are fresh, of the characters WeCom allows, and short', () => {
    const ids = new Set(Array.from({ length: 100 }, () => newTaskId()));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_\-@]{1,128}$/);
  });
});

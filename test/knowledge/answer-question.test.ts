import { describe, expect, it } from 'vitest';
import { t } from '../../src/prompts';
import { textOf } from '../helpers/bot-harness';
import { testChat } from '../helpers/test-chat';

describe('answering a question in the chat', () => {
  it('王芳 asks when 双公示 is due: the department\'s own date first, the policy clause beside it', async () => {
    const chat = await testChat({ at: '2026-11-24T10:00+08:00' });

    const [reply] = await chat.as('王芳').group('@信用助手 双公示的截止日期是哪天').expectGroupMessage(/「双公示」2026年11月截止 11月26日（周四）18:00/);

    const lines = textOf(reply).split('\n');
    expect(lines[0]).toBe(t('process.from_schedule'));
    expect(lines).toContain(t('process.policy'));
    expect(lines.at(-1)).toMatch(/^(根据|另据|以上|两份)/);
  });

  it('a question about late reports is answered from the ranking rules alone when no document speaks of it', async () => {
    const chat = await testChat({ at: '2026-11-24T10:00+08:00' });

    const replies = await chat.as('王芳').dm('没按时报会扣分吗').expectReply(/逾期/);

    expect(replies.map(textOf).join('\n')).not.toContain(t('qa.not_found'));
  });
});

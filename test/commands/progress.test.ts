import { describe, expect, it } from 'vitest';
import { testChat } from '../helpers/test-chat';

describe('进度', () => {
  it('shows a reporter what their section still owes, with deadlines', async () => {
    const chat = await testChat({ at: '2026-11-20T09:00+08:00' });
    const 陈思远 = chat.as('陈思远');
    await 陈思远.dm('填报 失信事件').expectReply(/失信事件/);
    await 陈思远.press('否');
    await 陈思远.press('确认').expectReply(/已保存|✅/);
    await 陈思远.dm('进度').expectReply(
      [
        '【办公室 · 2026年11月 填报进度】',
        '还需报送 3 项：制度学习、信用动态、诚信宣传。回复「填报」开始。',
        '任务｜截止｜状态',
        '制度学习｜11月26日 18:00｜未报 ❌',
        '信用动态｜11月26日 18:00｜未报 ❌',
        '诚信宣传｜11月26日 18:00｜未报 ❌',
        '失信事件｜11月26日 18:00｜按时 ✅',
      ].join('\n'),
    );
  });

  it('shows each of the sections of someone in two', async () => {
    const chat = await testChat({ at: '2026-11-20T09:00+08:00' });
    const replies = await chat.as('宋佳').dm('进度').expectReply(/^【监督考核科 · 2026年11月 填报进度】/).expectReply(/^【综合受理窗口 · 2026年11月 填报进度】/);
    expect(replies).toHaveLength(2);
  });

  it('refuses to show another section to a non-admin', async () => {
    const chat = await testChat({ at: '2026-11-20T09:00+08:00' });
    await chat.as('王芳').dm('进度 办公室').expectReply('您只能查看自己科室的进度。');
  });

  it('shows an admin the matrix of sections × tasks, with on-time, late, missing and returned', async () => {
    const chat = await testChat({ at: '2026-11-26T17:00+08:00' });
    for (const reporter of ['王芳', '何静']) {
      await chat.as(reporter).dm('填报 失信事件');
      await chat.as(reporter).dm('否');
      await chat.as(reporter).dm('确认').expectReply('按时');
    }
    await chat.at('2026-11-27T09:00+08:00');
    await chat.as('陈思远').dm('填报 失信事件');
    await chat.as('陈思远').dm('否');
    await chat.as('陈思远').dm('确认').expectReply('逾期');
    await chat.as('许文博').dm('退回 社会事务科 失信事件 请补充说明').expectDm('何静', '请补充说明');
    await chat.as('许文博').dm('进度').expectReply(/^【2026年11月 各科室填报进度】/);
    const lines = chat.inbox('许文博').at(-1)!.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      '【2026年11月 各科室填报进度】',
      '已报 2 / 应报 55；逾期 1，退回 1，未报 52，免报 0。',
      '✅按时 ⚠️逾期 ❌未报 ↩️退回 ⭕免报 —不需要',
      '科室｜制度学习｜双公示｜信用承诺｜信用动态｜重错码｜信易批｜诚信宣传｜信用核查｜失信事件｜异议修复｜平台月报｜红黑名单',
      '办公室｜❌｜—｜—｜❌｜—｜—｜❌｜—｜⚠️｜—｜—｜—',
    ]);
    expect(lines).toContain('商事登记科｜—｜❌｜❌｜❌｜❌｜❌｜—｜❌｜✅｜❌｜❌｜❌');
    expect(lines).toContain('社会事务科｜—｜❌｜❌｜❌｜❌｜❌｜—｜❌｜↩️｜❌｜❌｜❌');
  });
});

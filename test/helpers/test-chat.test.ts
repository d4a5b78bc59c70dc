import { describe, expect, it } from 'vitest';
import { testChat } from './test-chat';

describe('testChat', () => {
  it('moves the clock through the reminder job, and a press opens the form the reminder offers', async () => {
    const chat = await testChat({ at: '2026-11-24T17:00+08:00' });
    await chat.at('2026-11-26T10:00+08:00').expectDm('王芳', /【填报提醒】[\s\S]*双公示（商事登记项目审批服务科）— 今天 18:00 截止/);
    await chat.as('王芳').press('开始填报 双公示').expectReply(/双公示/);
  });

  it('presses a button as a card action: a second press of the same card is answered as expired', async () => {
    const chat = await testChat();
    await chat.as('王芳').dm('填报').expectReply(/双公示/);
    await chat.as('王芳').press('双公示').expectReply(/开始填报「[^」]*双公示/);
    await chat.as('王芳').press('双公示').expectReply('这张卡片已失效').expectReply('（1/7）');
  });

  it('answers an @-mention in the group, and ignores group chatter that does not address the bot', async () => {
    const chat = await testChat();
    await chat.as('王芳').group('@信用助手 谢谢').expectGroupMessage(/^不客气！/);
    await chat.as('王芳').group('今天中午吃什么').expectNoReply();
    expect(chat.groupMessages()).toHaveLength(1);
  });

  it('fails a check that does not hold, naming what was sent', async () => {
    const chat = await testChat();
    await expect(chat.as('王芳').dm('我是谁').expectReply(/不会出现的话/)).rejects.toThrow(/姓名：王芳/);
    await expect(chat.as('王芳').dm('我是谁').expectNoReply()).rejects.toThrow(/stayed silent/);
    await expect(chat.as('王芳').dm('我是谁').expectGroupMessage('我是谁')).rejects.toThrow(/messages in group main/);
    expect(() => chat.as('王芳').press('确认发布')).toThrow(/no button “确认发布” was shown to 王芳/);
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastTo, scriptFrom } from '../helpers/script';
import { simulate } from '../helpers/simulate';
import { tempDir } from '../helpers/temp-dir';

describe('填报: who may submit for whom', () => {
  it('refuses staff, saying who may', async () => {
    const out = await simulate(scriptFrom('2026-11-20T09:00:00+08:00').dm('zhao-lei', '填报').lines);
    expect(lastTo(out, 'dm:zhao-lei')).toBe('「填报」只有专人、科室负责人或管理员可以使用，您是工作人员。发送「帮助」查看您能用的命令。');
  });

  it('tells someone outside the roster how to be added, and saves nothing', async () => {
    const out = await simulate(scriptFrom('2026-11-20T09:00:00+08:00').dm('张三', '填报 双公示').lines);
    expect(lastTo(out, 'dm:张三')).toMatch(/^您还不在本部门的名册中，暂时不能使用「填报」。请联系管理员林晓燕、许文博、高雅/);
  });

  it('refuses a reporter submitting for another section, but lets an admin', async () => {
    const refused = await simulate(scriptFrom('2026-11-20T09:00:00+08:00').dm('wang-fang', '填报 双公示 社会事务科').lines);
    expect(lastTo(refused, 'dm:wang-fang')).toBe('您不能替社会事务项目审批服务科填报：只有该科室的专人、科室负责人或管理员可以。');
    const admin = await simulate(scriptFrom('2026-11-20T09:00:00+08:00').dm('xu-wenbo', '填报 双公示 社会事务科').lines);
    expect(lastTo(admin, 'dm:xu-wenbo')).toMatch(/^开始填报「“双公示”（行政许可）信息报送」（2026年11月 · 社会事务项目审批服务科/);
  });

  it('lets a section head submit for their section', async () => {
    const out = await simulate(scriptFrom('2026-11-20T09:00:00+08:00').dm('sun-haoran', '填报 双公示').lines);
    expect(lastTo(out, 'dm:sun-haoran')).toMatch(/^开始填报「“双公示”（行政许可）信息报送」（2026年11月 · 商事登记项目审批服务科/);
  });

  it('says which tasks a section owes when asked for one it does not', async () => {
    const out = await simulate(scriptFrom('2026-11-20T09:00:00+08:00').dm('chen-siyuan', '填报 双公示').lines);
    expect(lastTo(out, 'dm:chen-siyuan')).toBe('办公室不需要报送「双公示」。办公室需要报送的有：制度学习、信用动态、诚信宣传、失信事件。');
  });

  it('explains an argument it does not understand, with examples', async () => {
    const out = await simulate(scriptFrom('2026-11-20T09:00:00+08:00').dm('wang-fang', '填报 明天').lines);
    expect(lastTo(out, 'dm:wang-fang').split('\n')).toEqual([
      '没有看懂「明天」：它不是可选的任务、科室或月份。',
      '可选的任务：制度学习、双公示、信用承诺、信用动态、重错码、信易批、诚信宣传、信用核查、失信事件、异议修复、平台月报、红黑名单。',
      '可选的科室：办公室、人事科、商事登记科、社会事务科、建设项目科、体系建设科、监督科、受理窗口。',
      '月份可以写成 2026-11、11月、本月 或 上月。',
    ]);
  });

  it('takes a month for a late submission', async () => {
    const out = await simulate(scriptFrom('2026-12-02T09:00:00+08:00').dm('wang-fang', '填报 失信事件 11月', '否', '确认').lines);
    expect(lastTo(out, 'dm:wang-fang')).toBe('✅ 已提交「失信事件」2026年11月（商事登记项目审批服务科），已过截止时间 11月26日 18:00，记为逾期提交。');
  });
});

describe('填报: state survives restarts and never misreads', () => {
  it('resumes at the same question after a restart', async () => {
    const dataDir = tempDir();
    await simulate(scriptFrom('2026-11-20T09:00:00+08:00').dm('wang-fang', '填报 双公示', '120', '118').lines, { dataDir });
    const out = await simulate(scriptFrom('2026-11-20T10:00:00+08:00').dm('wang-fang', '110').lines, { dataDir });
    expect(lastTo(out, 'dm:wang-fang')).toMatch(/^（4\/7）其中符合数据报送标准（合规）的条数/);
  });

  it('keeps a form through the working day: started at 10:00, answered at 15:30', async () => {
    const s = scriptFrom('2026-11-20T10:00:00+08:00').dm('wang-fang', '填报 双公示', '120').at('2026-11-20T15:30:00+08:00').dm('wang-fang', '118');
    expect(lastTo(await simulate(s.lines), 'dm:wang-fang')).toMatch(/^（3\/7）其中自决定之日起 15 个自然日内上传的条数/);
  });

  it('discards a half-filled form whose questions changed since', async () => {
    const dataDir = tempDir();
    await simulate(scriptFrom('2026-11-20T09:00:00+08:00').dm('wang-fang', '填报 双公示', '120').lines, { dataDir });
    const tasksFile = path.join(dataDir, 'tasks.yaml');
    writeFileSync(tasksFile, readFileSync('data/tasks.yaml', 'utf8').replace('label: 已上传至市信用平台的条数', 'label: 已上传至市信用信息共享平台的条数'));
    const out = await simulate(scriptFrom('2026-11-20T10:00:00+08:00').dm('wang-fang', '118').lines, { dataDir, tasksFile });
    expect(lastTo(out, 'dm:wang-fang')).toBe('「双公示」的表单已经更新，您之前未完成的填写已作废，没有保存任何内容。请重新开始。');
  });
});

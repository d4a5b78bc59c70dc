import { describe, expect, it } from 'vitest';
import { shippedKnowledge } from '../helpers/bot-harness';
import { KnowledgeBase, parseDocument } from '../../src/knowledge/knowledge-base';
import { t } from '../../src/prompts';

describe('extractive answers', () => {
  it('quotes the rule with its document and clause', async () => {
    const { kb } = await shippedKnowledge();
    const answer = kb.answer('双公示信息要在多少天内上传？');
    expect(answer.answer.split('\n')[0]).toBe('根据《济南市历城区行政审批服务局落实信用状况监测工作实施方案》三、（一）2：““双公示”信息应自作出行政许可决定之日起，15个自然日内上传至市信用信息共享平台。”');
    expect(answer.citations[0]).toMatchObject({ doc: '历城区行政审批服务局落实信用状况监测工作实施方案.txt', section: '三、（一）2' });
  });

  it('shows both documents when they disagree (15 natural days against 7 days)', async () => {
    const { kb } = await shippedKnowledge();
    const answer = kb.answer('双公示信息产生后几天内要公示？');
    const docs = answer.citations.map((c) => c.doc);
    expect(docs).toContain('莱芜区加快推进社会信用体系建设方案.txt');
    expect(docs.length).toBe(2);
    expect(answer.answer).toContain('7日内');
    expect(answer.answer).toContain('15个自然日');
    expect(answer.answer.split('\n').at(-1)).toBe('以上两份文件的规定不同，请以适用于本部门的文件为准。');
  });

  it('understands how staff talk (老赖 → 失信被执行人)', async () => {
    const { kb } = await shippedKnowledge();
    const answer = kb.answer('老赖有钱不还，会被限制坐飞机吗？');
    expect(answer.refused).toBe(false);
    expect(answer.answer).toContain('乘坐飞机');
  });

  it('says honestly, in two lines, when nothing in the documents answers', async () => {
    const { kb } = await shippedKnowledge();
    for (const question of ['青岛市双公示信息要求几天内上报？', '公积金缴存比例是多少？', '今年的年终奖啥时候发？', '今天天气怎么样', '明天开会吗']) {
      const answer = kb.answer(question);
      expect(answer.refused, question).toBe(true);
      expect(answer.answer.split('\n')).toEqual([
        '在已加载的文件中没有找到能回答这个问题的规定，我不作猜测。可以换个说法再问，或请管理员补充文件。',
        '我只依据已加载的 5 份文件回答，发送「资料」可查看是哪些文件。',
      ]);
    }
  });

  it('never quotes a letterhead, a signature or the 抄送/印发 footer', async () => {
    const { kb } = await shippedKnowledge();
    const passages = kb.documents.flatMap((d) => d.chunks.map((c) => c.text));
    for (const junk of ['签发人', '抄送：', '2020年3月27日印发', '济南市历城区行政审批服务局文件', '____']) {
      expect(passages.filter((p) => p.includes(junk)), junk).toEqual([]);
    }
  });

  it('claims no agreement or conflict between quotes about different things', async () => {
    const { kb } = await shippedKnowledge();
    const answer = kb.answer('信用宣传活动以什么为主题开展？');
    expect(answer.citations.length).toBe(2);
    expect(answer.answer).not.toMatch(/规定不同|规定一致/);
  });

  it('answers questions about a document itself from its head', async () => {
    const { kb } = await shippedKnowledge();
    expect(kb.answer('历城那个信用监测实施方案的文号是多少？').answer).toBe('《济南市历城区行政审批服务局落实信用状况监测工作实施方案》：文号为济历城行审发〔2022〕2号；日期为2022年2月28日。');
  });
});

describe('what is asked decides the sentence', () => {
  const plan = parseDocument(
    '示例方案.txt',
    ['示例区信用动态报送方案', '一、工作要求', '（一）信用动态。各科室要及时报送信用动态信息，内容真实准确。', '（二）双公示。各科室应于每月26日前报送双公示数据，报送后3个工作日内完成问题数据修改。'].join('\n'),
  );
  const kb = new KnowledgeBase([plan], {});

  it('answers "how long" with the sentence that states a time', () => {
    const answer = kb.answer('双公示问题数据要在多久内改完？');
    expect(answer.refused).toBe(false);
    expect(answer.citations[0]!.quote).toContain('3个工作日内');
  });

  it('says the documents set no figure, with what they do say, instead of quoting another figure', () => {
    const answer = kb.answer('信用动态信息多久报送一次？');
    expect(answer.refused).toBe(true);
    expect(answer.answer.split('\n')).toEqual([t('qa.no_figure'), expect.stringContaining('及时报送信用动态信息')]);
  });
});

describe('typos of the same sound', () => {
  it('双公式 is read as 双公示: the same answer', async () => {
    const { kb } = await shippedKnowledge();
    expect(kb.answer('双公式信息要在多少天内上传？')).toEqual(kb.answer('双公示信息要在多少天内上传？'));
  });
});

describe('who leads it', () => {
  it('is answered with the clause\'s duty note, even when the clause was cut in two passages', async () => {
    const plan = parseDocument(
      '示例方案.txt',
      [
        '示例区跨境电商信用建设方案',
        '一、重点任务',
        `1.加强跨境电商领域信用建设。建立跨境电商经营主体信用档案，开展跨境店铺信用评价。${'推动跨境电商平台落实主体责任，'.repeat(12)}（牵头单位：区商务局；责任单位：区市场监督管理局）`,
      ].join('\n'),
    );
    const { kb: shipped } = await shippedKnowledge();
    const kb = new KnowledgeBase([...shipped.documents, plan], {});
    expect(plan.chunks.filter((c) => c.path === '一、1').length).toBeGreaterThan(1);

    const answer = kb.answer('跨境电商店铺信用评价哪个部门牵头？');

    expect(answer.citations[0]).toMatchObject({ doc: '示例方案.txt' });
    expect(answer.citations[0]!.quote).toContain('（牵头单位：区商务局；责任单位：区市场监督管理局）');
  });

  it('is answered from an appendix task table, with every lead unit', async () => {
    const { kb } = await shippedKnowledge();

    const answer = kb.answer('加强社会保障信用建设是哪些单位牵头？');

    expect(answer.citations[0]).toMatchObject({ section: '附件七、2' });
    expect(answer.citations[0]!.quote).toContain('牵头单位：区民政局、区人社局、区卫健局');
  });

  it('quotes the whole duty note, with units in brackets and over a page break', async () => {
    const { kb } = await shippedKnowledge();

    expect(kb.answer('电子商务领域的信用建设由哪些单位牵头？').citations[0]!.quote).toContain(
      '（牵头单位：区委宣传部（网信办）、区工信局、区市场监督管理局；责任单位：区直各有关部门）',
    );
  });
});

describe('a question that names a district', () => {
  it('is answered from that district\'s documents, though another district\'s say it too', async () => {
    const { kb } = await shippedKnowledge();

    const laiwu = kb.answer('莱芜这边双公示信息产生以后几天内要在网上公示？');
    const licheng = kb.answer('历城那边双公示信息几天内要传到市平台？');

    expect(laiwu.citations[0]).toMatchObject({ doc: '莱芜区加快推进社会信用体系建设方案.txt' });
    expect(laiwu.citations[0]!.quote).toContain('7日内');
    expect(licheng.citations[0]).toMatchObject({ doc: '历城区行政审批服务局落实信用状况监测工作实施方案.txt' });
    expect(licheng.citations[0]!.quote).toContain('15个自然日');
  });
});

describe('"what happens" questions', () => {
  it('get the sentence after the one naming the subject, when that one is short', async () => {
    const { kb } = await shippedKnowledge();

    const answer = kb.answer('守信企业进了红名单有啥好处？');

    expect(answer.citations[0]!.quote).toContain('“红名单”');
    expect(answer.citations[0]!.quote).toContain('绿色通道');
  });
});

describe('a leading group\'s member list', () => {
  it('answers who is in the group, and nothing else', async () => {
    const { kb } = await shippedKnowledge();

    expect(kb.answer('历城区行政审批服务局信用状况监测工作领导小组组长是谁？').answer).toContain('谭玉成');
    for (const question of ['历城区行政审批服务局对失信案件有什么目标要求？', '历城区行政审批服务局的局长是谁管的？']) {
      expect(kb.answer(question).answer, question).not.toContain('谭玉成');
    }
  });
});

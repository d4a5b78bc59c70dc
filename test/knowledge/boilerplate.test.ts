import { describe, expect, it } from 'vitest';
import { withoutBoilerplate } from '../../src/knowledge/boilerplate';

describe('boilerplate', () => {
  it('drops the letterhead, the cover notice, the signature and the footer, and keeps the text', () => {
    const lines = [
      '济南市历城区行政审批服务局文件',
      '济历城行审发〔2022〕2号',
      '签发人：谭玉成',
      '济南市历城区行政审批服务局关于印发《实施方案》的通知',
      '局（中心）各科室：',
      '《实施方案》已经局长办公会研究通过，现印发给你们，请结合实际认真贯彻执行。',
      '济南市历城区行政审批服务局',
      '2022年2月28日',
      '一、“双公示”信息应在15个自然日内上传。',
      '_____________________________________',
      '抄送：区社会信用体系建设领导小组各成员单位。',
      '济南市莱芜区社会信用体系建设领导小组办公室2020年3月27日印发_____________',
    ];

    expect(withoutBoilerplate(lines)).toEqual(['一、“双公示”信息应在15个自然日内上传。']);
  });

  it('keeps an agency named alone in a task table: only a date under it makes it a signature', () => {
    const table = ['1.加强信用法规制度建设', '区市场监督管理局', '2.建立健全工作机制'];
    expect(withoutBoilerplate(table)).toEqual(table);
  });

  it('keeps a line that merely ends like a letterhead, past the top of the document', () => {
    const lines = ['一、总体要求', '二、工作任务', '三、保障措施', '按要求报送相关文件'];
    expect(withoutBoilerplate(lines)).toEqual(lines);
  });
});

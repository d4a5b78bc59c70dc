import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/core/render-text';

describe('renderText', () => {
  it('passes text through', () => {
    expect(renderText({ text: '你好' })).toBe('你好');
  });

  it('renders a card as title, lines, table rows and numbered buttons', () => {
    const text = renderText({
      card: {
        title: '11月进度',
        lines: ['截至 11月20日'],
        table: { header: ['科室', '状态'], rows: [['办公室', '✅'], ['人事科', '❌']] },
        buttons: [{ label: '开始填报', value: '填报' }, { label: '稍后', value: '稍后' }],
      },
    });
    expect(text).toBe(['【11月进度】', '截至 11月20日', '科室｜状态', '办公室｜✅', '人事科｜❌', '回复序号：1. 开始填报  2. 稍后'].join('\n'));
  });
});

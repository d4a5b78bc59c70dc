import { describe, expect, it } from 'vitest';
import { HomophoneCorrector } from '../../src/knowledge/homophones';
import { DOMAIN_WORDS } from '../../src/knowledge/tokenizer';

const corrector = new HomophoneCorrector(DOMAIN_WORDS);

describe('homophone typos of domain terms', () => {
  it.each([
    ['双公式多久要传上去啊', '双公示多久要传上去啊'],
    ['信意批是啥意思', '信易批是啥意思'],
    // 重 reads zhong and chong: either reading matches.
    ['虫错码发现了咋办', '重错码发现了咋办'],
    ['失信被执行任能坐飞机吗', '失信被执行人能坐飞机吗'],
  ])('reads %s as %s', (typed, meant) => {
    expect(corrector.correct(typed)).toBe(meant);
  });

  it('leaves ordinary words alone, and the right spelling as it is', () => {
    for (const text of ['公式怎么算', '双方公示了吗', '双公示多久上报', '今天天气怎么样']) expect(corrector.correct(text)).toBe(text);
  });
});

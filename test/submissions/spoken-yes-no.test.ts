import { describe, expect, it } from 'vitest';
import { readYesNo } from '../../src/submissions/spoken-yes-no';

const YES_NO: [string, boolean | 'unsure' | 'both' | 'none'][] = [
  ['是', true], ['是的', true], ['有', true], ['有的', true], ['对', true], ['存在', true], ['发生了', true], ['发生过', true],
  ['出现了', true], ['已完成', true], ['已经报了', true], ['确实有', true], ['有一起', true], ['Y', true], ['yes', true], ['是。', true], ['发生', true], ['√', true],
  ['否', false], ['不是', false], ['没有', false], ['没', false], ['无', false], ['不', false], ['未', false], ['no', false],
  ['没发生', false], ['没有发生', false], ['未发生', false], ['没出现', false], ['没有出现', false], ['不存在', false],
  ['本月没有发生', false], ['没有，一切正常', false], ['否，没有发生', false], ['确实没有', false], ['还没有', false],
  ['尚未开展', false], ['无此情况', false], ['没有的', false], ['木有', false], ['没有发生过', false], ['本月未发生', false], ['还没呢', false], ['有的，已处置', true], ['已经没有了', false], ['还是没有', false], ['已经', true],
  ['不知道', 'unsure'], ['不确定', 'unsure'], ['不太清楚', 'unsure'], ['可能有', 'unsure'], ['好像没有', 'unsure'],
  ['也许', 'unsure'], ['有没有？', 'unsure'], ['待核实', 'unsure'], ['应该没有', 'unsure'], ['没问题', 'unsure'],
  ['是的，没有发生', 'both'], ['有，没有', 'both'], ['对，没有', 'both'],
  ['随便', 'none'], ['', 'none'], ['一切正常', 'none'],
];

describe('yes and no as people say them', () => {
  it.each(YES_NO)('%j → %s', (text, expected) => {
    const r = readYesNo(text);
    expect(r.kind === 'answer' ? r.value : r.kind).toBe(expected);
  });
});

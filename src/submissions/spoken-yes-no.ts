/**
 * Yes or no as people answer a 是否 question: 是/有/存在/发生了 …, 否/没有/没发生/未发生/不存在 …,
 * also as the first words of a short sentence ("没有发生，一切正常"). An answer that hedges
 * (不确定, 可能有) or says both ("是的，没有发生") is reported as such, to be asked again.
 */
export type YesNoReading = { kind: 'answer'; value: boolean } | { kind: 'unsure' } | { kind: 'both' } | { kind: 'none' };

/** The longest answer read as a yes or no; anything longer is an explanation, not an answer. */
const MAX_LENGTH = 30;

const UNSURE = /不知道|不(?:太|是很|很)?(?:清楚|确定|好说)|说不(?:准|好|清)|不一定|无法(?:确定|判断)|可能|也许|或许|应该|好像|似乎|大概|待定|待确认|待核实|核实中|正在核实|没问题|忘了|记不清|不记得|是否|有没有|是不是|[吗么][?？]?$/;
/** Words that may come before the answer itself: 本月没有, 确实发生了. */
const LEAD = '(?:本月|这个月|当月|目前|现在|暂时|截至目前|已经|还是|仍然|我们|我科|本科室|的确|确实|真的|肯定|都|也)*';
const NO = new RegExp(`^${LEAD}(?:否|不是|不存在|不涉及|没有?|木有|×|✗|✘|未|无|不|从未|从没有?|尚未|并未|并没有?|还没有?)`);
const YES = new RegExp(`^${LEAD}(?:是|对|有|存在|发生|出现|已|完成|√|✓|✔|确实$|确有|发生了|发生过|出现了|出现过|y(?:es)?$|true$|ok$)`, 'i');
const NO_WORDS = /^(?:n|no|false)$/i;
const CLAUSE_SEPARATOR = /[\s,，。.;；、！!~～…]+/;

export function readYesNo(raw: string): YesNoReading {
  const text = raw.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim();
  if (!text || text.length > MAX_LENGTH) return { kind: 'none' };
  if (UNSURE.test(text)) return { kind: 'unsure' };
  const said = new Set<boolean>();
  for (const clause of text.split(CLAUSE_SEPARATOR).filter(Boolean)) {
    const plain = clause.replace(/[吧呢啊呀哈嘛哦喔啦的]+$/, '') || clause;
    if (NO.test(plain) || NO_WORDS.test(plain)) said.add(false);
    else if (YES.test(plain)) said.add(true);
  }
  if (said.size === 2) return { kind: 'both' };
  const [value] = [...said];
  return value === undefined ? { kind: 'none' } : { kind: 'answer', value };
}

import { HEADING_MARKER } from './normalize';

export interface Chunk {
  /** The clause path as cited: 三、（一）2. Empty before the first heading. */
  path: string;
  /** The titles along the path (三、监测分析内容 / （一）完善社会信用体系建设制度 …), for ranking. */
  headings: string[];
  text: string;
}

/** Longest chunk before it is split at sentence ends; a clause longer than this is several passages. */
const MAX_CHUNK = 220;

/**
 * Splits an official document into passages that follow its clause structure — 一、 / （一） /
 * 1. / （1） — so each passage knows its citation (三、（一）2) and the headings above it.
 */
export function chunkDocument(paragraphs: string[]): Chunk[] {
  const labels: string[] = [];
  const titles: string[] = [];
  const chunks: Chunk[] = [];
  for (const paragraph of paragraphs) {
    const marker = HEADING_MARKER.exec(paragraph)?.[0];
    if (marker) {
      const level = levelOf(marker);
      labels.length = level;
      titles.length = level;
      labels[level] = labelOf(marker);
      titles[level] = titleOf(paragraph);
    }
    // A heading alone (（二）基本原则) answers nothing; it lives on in the headings of what follows.
    if (marker && isBareHeading(paragraph)) continue;
    const path = labels.filter(Boolean).join('');
    const headings = titles.filter(Boolean);
    for (const text of splitLong(paragraph)) chunks.push({ path, headings, text });
  }
  return chunks;
}

function isBareHeading(paragraph: string): boolean {
  return paragraph.length <= 30 && !/[。；，,：:]/.test(paragraph);
}

function levelOf(marker: string): number {
  if (/^[一二三四五六七八九十]+、/.test(marker)) return 0;
  if (/^[（(][一二三四五六七八九十]/.test(marker)) return 1;
  if (/^\d/.test(marker)) return 2;
  return 3;
}

/** 一、 stays 一、; （一） stays; "1." becomes 1; (1) becomes （1）. */
function labelOf(marker: string): string {
  if (/^\d/.test(marker)) return marker.replace(/\D/g, '');
  return marker.replace(/\(/g, '（').replace(/\)/g, '）');
}

/** A heading's title: up to its first full stop, or the whole short line. */
function titleOf(paragraph: string): string {
  const end = paragraph.search(/[。；]/);
  return (end > 0 ? paragraph.slice(0, end) : paragraph).slice(0, 40);
}

function splitLong(paragraph: string): string[] {
  if (paragraph.length <= MAX_CHUNK) return [paragraph];
  const sentences = paragraph.match(/[^。；！？]+[。；！？]?[”’」）)]?/g) ?? [paragraph];
  const parts: string[] = [];
  let current = '';
  for (const sentence of sentences) {
    if (current && current.length + sentence.length > MAX_CHUNK) {
      parts.push(current);
      current = '';
    }
    current += sentence;
  }
  if (current) parts.push(current);
  return parts;
}

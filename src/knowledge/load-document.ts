import { readFile } from 'node:fs/promises';
import path from 'node:path';

export const SUPPORTED_EXTENSIONS = ['.txt', '.md', '.docx', '.pdf'];

/**
 * The text of a policy document: plain text as is, Markdown without its marks, .docx and text-layer
 * .pdf extracted — their libraries loaded only when such a document is there, so a bot with plain
 * text documents does not hold them in memory.
 */
export async function readDocumentText(file: string): Promise<string> {
  switch (path.extname(file).toLowerCase()) {
    case '.txt':
      return readFile(file, 'utf8');
    case '.md':
      return stripMarkdown(await readFile(file, 'utf8'));
    case '.docx': {
      const { default: mammoth } = await import('mammoth');
      return (await mammoth.extractRawText({ buffer: await readFile(file) })).value;
    }
    case '.pdf': {
      const { extractText, getDocumentProxy } = await import('unpdf');
      const pdf = await getDocumentProxy(new Uint8Array(await readFile(file)));
      return (await extractText(pdf, { mergePages: true })).text;
    }
    default:
      throw new Error(`unsupported document type: ${file}`);
  }
}

/** Headings and emphasis marks are noise for clause parsing; the words stay. */
function stripMarkdown(text: string): string {
  return text
    .replace(/^#{1,6}\s*/gm, '')
    .replace(/(\*\*|__|\*|_|`)/g, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1');
}

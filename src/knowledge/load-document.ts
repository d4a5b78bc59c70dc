import { readFile } from 'node:fs/promises';
import path from 'node:path';
import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';

export const SUPPORTED_EXTENSIONS = ['.txt', '.md', '.docx', '.pdf'];

/** The text of a policy document: plain text as is, Markdown without its marks, .docx and text-layer .pdf extracted. */
export async function readDocumentText(file: string): Promise<string> {
  switch (path.extname(file).toLowerCase()) {
    case '.txt':
      return readFile(file, 'utf8');
    case '.md':
      return stripMarkdown(await readFile(file, 'utf8'));
    case '.docx':
      return (await mammoth.extractRawText({ buffer: await readFile(file) })).value;
    case '.pdf': {
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

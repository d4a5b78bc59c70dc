import type { ChannelCapabilities } from '../channels/channel';
import { t } from '../prompts';
import type { Content, FileContent } from '../model/message';
import { renderText } from './render-text';

/**
 * The one place that turns content into what a channel can show: a card becomes text with
 * numbered replies where there are no cards, a file becomes where to fetch it where files cannot
 * be sent. Channels then render only what they declared they can.
 */
export function degrade(content: Content, can: ChannelCapabilities): Content {
  if ('card' in content && !can.cards) return { text: renderText(content) };
  if ('file' in content && !can.files) return { text: fileFallback(content.file) };
  return content;
}

function fileFallback(file: FileContent): string {
  const where = 'path' in file ? t('file.saved_at', { path: file.path }) : t('file.not_sent', { name: file.name });
  return [file.caption, where].filter(Boolean).join('\n');
}


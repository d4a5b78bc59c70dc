import { t } from '../prompts';
import { asMember, type ChatContext } from './chat-context';
import { invoke } from './command';
import type { Command } from './chat-context';
import { sendDirect } from './direct-message';

/**
 * Runs a command. The one privacy rule: a private command asked in a group replies in the
 * sender's direct chat and the group only hears that it did; someone the bot cannot write to
 * directly (not in the roster) is asked to write to it directly instead.
 */
export async function runCommand(command: Command, ctx: ChatContext): Promise<void> {
  if (!command.private || ctx.msg.chatType !== 'group') return invoke(command, ctx);
  const member = asMember(ctx);
  if (!member) return ctx.reply(t('privacy.ask_directly', { command: command.name }));
  await ctx.reply(t('privacy.replied_directly', { command: command.name }));
  await invoke(command, { ...member, reply: (content) => sendDirect(member, content) });
}

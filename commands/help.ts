import type { Command, PublicCommand } from '../src/core/chat-context';
import type { ChatContext } from '../src/core/chat-context';
import { ROLE_LABELS } from '../src/org/roster';
import { ROLES } from '../src/org/schema';
import { t } from '../src/prompts';

/** Generated from the registry, so a new command appears in help by being registered. */
const help: PublicCommand = {
  name: '帮助',
  aliases: ['help', '?', '？'],
  usage: t('commands.help.usage'),
  summary: t('commands.help.summary'),
  public: true,
  async run(ctx) {
    const bot = ctx.roster.botName;
    if (/^(全部|all)$/i.test(ctx.args)) {
      await ctx.reply({ card: { title: t('help.all_title', { bot }), lines: allByRole(ctx) } });
      return;
    }
    const available = ctx.commands.commands.filter((c) => ctx.commands.allows(c, ctx.person));
    const intro = ctx.person ? t('help.you', { who: ctx.roster.describe(ctx.person) }) : t('help.guest');
    await ctx.reply({
      card: {
        title: t('help.title', { bot }),
        lines: [intro, ...available.map(line), t('help.footer', { bot })],
      },
    });
  },
};

function line(command: Command): string {
  return t('help.command', {
    usage: command.usage ?? command.name,
    aliases: command.aliases.filter((a) => /^[a-z]/i.test(a)).join('/') || command.name,
    summary: command.summary,
  });
}

/** Commands grouped by who may use them: everyone, roster members, then each set of roles. */
function allByRole(ctx: ChatContext): string[] {
  const groups = new Map<string, Command[]>();
  for (const command of ctx.commands.commands) {
    const who = command.public
      ? t('help.everyone')
      : command.roles
        ? ROLES.filter((r) => command.roles!.includes(r)).map((r) => ROLE_LABELS[r]).join('、')
        : t('help.members');
    groups.set(who, [...(groups.get(who) ?? []), command]);
  }
  return [...groups].flatMap(([roles, commands]) => [t('help.role_group', { roles }), ...commands.map(line)]);
}

export default help;

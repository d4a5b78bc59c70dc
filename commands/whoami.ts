import type { PublicCommand } from '../src/core/chat-context';
import { describeIdentities } from '../src/org/identities';
import { ROLE_LABELS } from '../src/org/roster';
import { t } from '../src/prompts';

/** Shows how the bot identified the sender, so a wrong roster entry is easy to spot. */
const whoami: PublicCommand = {
  name: '我是谁',
  aliases: ['whoami'],
  summary: t('commands.whoami.summary'),
  public: true,
  private: true,
  async run(ctx) {
    const person = ctx.person;
    if (!person) {
      const admins = ctx.roster.adminNames();
      await ctx.reply(t('whoami.guest', { channel: ctx.msg.channel, senderId: ctx.msg.senderId, admins }));
      return;
    }
    const identities = describeIdentities(person.identities);
    await ctx.reply({
      card: {
        title: t('whoami.title'),
        lines: [
          t('whoami.name', { name: person.name, id: person.id }),
          t('whoami.sections', { sections: ctx.roster.sectionsOf(person).map((s) => s.name).join('、') }),
          t('whoami.roles', { roles: person.roles.map((r) => ROLE_LABELS[r]).join('、') }),
          identities.length ? t('whoami.identities', { identities: identities.join('，') }) : t('whoami.no_identities'),
        ],
      },
    });
  },
};

export default whoami;

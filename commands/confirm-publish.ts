import type { MemberCommand } from '../src/core/chat-context';
import { confirmPublication } from '../src/flows/ranking-publication';
import { t } from '../src/prompts';

/** 确认发布: the second step of publishing a ranking notice — posts what `排名 发布` showed this admin. */
const confirmPublish: MemberCommand = {
  name: '确认发布',
  aliases: ['confirm-publish'],
  summary: t('commands.confirm_publish.summary'),
  roles: ['admin'],
  run: confirmPublication,
};

export default confirmPublish;

import type { MemberCommand } from '../src/core/command';
import { confirmPublication } from '../src/ranking/publication';

/** 确认发布: the second step of publishing a ranking notice — posts what `排名 发布` showed this admin. */
const confirmPublish: MemberCommand = {
  name: '确认发布',
  aliases: ['confirm-publish'],
  summary: '确认把「排名 发布」显示的通报发到工作群',
  roles: ['admin'],
  run: confirmPublication,
};

export default confirmPublish;

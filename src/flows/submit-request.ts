import { monthIn, readWords } from '../core/argument-words';
import type { MemberContext } from '../core/chat-context';
import { t } from '../prompts';
import { monthOf } from '../tasks/period';
import type { SubmitInit } from './submission-form';

export type SubmitRequest = { ok: true; init: SubmitInit } | { ok: false; message: string };

/**
 * Reads `填报 [任务] [科室] [月份]` in any order and decides whom the person may submit for: the
 * sections where they are reporter or head, or any section for an admin (their own by default).
 */
export function resolveSubmitRequest(ctx: MemberContext, args: string): SubmitRequest {
  const person = ctx.person;
  const { roster, catalog } = ctx;
  const read = readWords(args.split(/[\s\u3000]+/).filter(Boolean), ['task', 'section', 'month'], ctx);
  if (!read.ok) return read;
  const month = monthIn(read.words) ?? monthOf(ctx.now);
  const taskId = read.words.flatMap((w) => (w.kind === 'task' ? [w.task.id] : []))[0];
  const sectionId = read.words.flatMap((w) => (w.kind === 'section' ? [w.section.id] : []))[0];
  const isAdmin = person.roles.includes('admin');
  const own = person.roles.some((r) => r === 'reporter' || r === 'head') || isAdmin ? person.sections : [];
  if (sectionId && !isAdmin && !own.includes(sectionId)) {
    return { ok: false, message: t('submit.not_allowed', { section: roster.section(sectionId)!.name }) };
  }
  let sectionIds = sectionId ? [sectionId] : own;
  if (!sectionIds.length) {
    return { ok: false, message: t('submit.no_section', { admins: roster.adminNames() }) };
  }
  if (taskId && sectionIds.length > 1) {
    // Someone in two sections asking for a task only one of them owes needs no question.
    const owing = sectionIds.filter((id) => catalog.owes(catalog.task(taskId!)!, id));
    if (owing.length) sectionIds = owing;
  }
  return { ok: true, init: { month, sectionIds, taskId } };
}

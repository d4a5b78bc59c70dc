import type { Command } from '../src/core/chat-context';
import approve from './approve';
import confirmPublish from './confirm-publish';
import ask from './ask';
import docs from './docs';
import exempt from './exempt';
import exportCommand from './export';
import help from './help';
import points from './points';
import progress from './progress';
import ranking from './ranking';
import remind from './remind';
import resume from './resume';
import returnCommand from './return';
import submit from './submit';
import unexempt from './unexempt';
import whoami from './whoami';

/** Every chat command, in the order help lists them. Add a command here to enable it. */
export const commandList: Command[] = [help, whoami, ask, docs, submit, resume, progress, points, approve, returnCommand, exportCommand, remind, exempt, unexempt, ranking, confirmPublish];

/**
 * Words that steer a guided conversation rather than answer it, shared by every form so that
 * "取消" or "确认" means the same everywhere. They reach the form even where a command's name
 * would otherwise win.
 */
export const CANCEL = /^(取消|cancel|退出|不填了)$/i;
export const BACK = /^(上一步|返回|back)$/i;
export const SKIP = /^(跳过|skip)$/i;
export const DONE = /^(完成|好了|没有了|结束|done)$/i;
export const CONFIRM = /^(确认|确定|提交|确认提交|yes|ok)$/i;
export const EDIT = /^修改\s*(\d+)$/;

export function isControlWord(text: string): boolean {
  return [CANCEL, BACK, SKIP, DONE, CONFIRM, EDIT].some((word) => word.test(text));
}

/** Answers to the engine's own questions (set the open form aside? command or answer?). */
export const SET_ASIDE = /^(放一边|放一边，开始新的|1)$/;
export const KEEP_OPEN = /^(继续原来的|继续|2)$/;
export const RUN_COMMAND = /^(执行命令|命令|1)$/;
export const AS_ANSWER = /^(作为回答|回答|2)$/;

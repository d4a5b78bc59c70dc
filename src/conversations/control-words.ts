/**
 * Words that steer a guided conversation rather than answer it, shared by every form so that
 * "取消" or "确认" means the same everywhere.
 */
export const CANCEL = /^(取消|cancel|退出|不填了)$/i;
export const BACK = /^(上一步|返回|back)$/i;
export const SKIP = /^(跳过|skip)$/i;
export const DONE = /^(完成|好了|没有了|结束|done)$/i;
export const CONFIRM = /^(确认|确定|提交|确认提交|yes|ok)$/i;

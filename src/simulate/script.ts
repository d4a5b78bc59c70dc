import { StartupError } from '../startup-error';
import { z } from '../zod';

const at = z.iso.datetime({ offset: true, message: '应为带时区的时间，例如 "2026-11-20T09:00:00+08:00"' });

const from = z.string().min(1, '应为名册中的人员编号或姓名');
const chat = z.string().regex(/^(group(:[a-z][a-z0-9-]*)?|dm)$/, '应为 "group"、"group:<群编号>" 或 "dm"');
/** Optional platform event id, to replay a redelivery; otherwise each line gets its own. */
const id = z.string().min(1).optional();

const messageLine = z.object({ at, from, chat, text: z.string(), id }).strict();

/** A button press on the person's latest card that has it; the chat defaults to the direct chat. */
const pressLine = z.object({ at, from, chat: chat.default('dm'), press: z.string().min(1, '应为按钮的文字或取值'), id }).strict();

const clockLine = z.object({ at }).strict();

export type ScriptMessage = z.output<typeof messageLine> & { line: number; time: Date };
export type ScriptPress = z.output<typeof pressLine> & { line: number; time: Date };
export type ScriptStep = { kind: 'message'; message: ScriptMessage } | { kind: 'press'; press: ScriptPress } | { kind: 'clock'; time: Date; line: number };

/**
 * Parses a simulate script (JSON lines). Errors name the file and line, like the YAML files.
 * Times must not go backwards: the virtual clock only moves forward.
 */
export function parseScript(source: string, file: string): ScriptStep[] {
  const steps: ScriptStep[] = [];
  let last: Date | undefined;
  source.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (!raw.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new StartupError(`${file} 第 ${line} 行：不是有效的 JSON`);
    }
    const keys = json && typeof json === 'object' ? Object.keys(json) : [];
    const read = <T extends { at: string }>(schema: z.ZodType<T>): T & { line: number; time: Date } => {
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const field = issue.path.length ? `字段 ${issue.path.join('.')}` : '';
        throw new StartupError(`${file} 第 ${line} 行${field ? `，${field}` : ''}：${issue.message}`);
      }
      const time = new Date(parsed.data.at);
      if (last && time < last) throw new StartupError(`${file} 第 ${line} 行：时间 ${parsed.data.at} 早于上一行，时间只能向前`);
      last = time;
      return { ...parsed.data, line, time };
    };
    if (keys.length === 1 && keys[0] === 'at') {
      const { time } = read(clockLine);
      steps.push({ kind: 'clock', time, line });
    } else if (keys.includes('press')) steps.push({ kind: 'press', press: read(pressLine) });
    else steps.push({ kind: 'message', message: read(messageLine) });
  });
  return steps;
}

import { describe, expect, it } from 'vitest';
import { parseScript } from '../../src/simulate/script';

const parse = (...lines: string[]) => parseScript(lines.join('\n'), 's.jsonl');

describe('parseScript', () => {
  it('reads message and clock lines, skipping blank ones', () => {
    const steps = parse('{"at":"2026-11-20T09:00:00+08:00","from":"王芳","chat":"group","text":"帮助"}', '', '{"at":"2026-11-21T09:00:00+08:00"}');
    expect(steps).toEqual([
      { kind: 'message', message: { at: '2026-11-20T09:00:00+08:00', from: '王芳', chat: 'group', text: '帮助', line: 1, time: new Date('2026-11-20T01:00:00Z') } },
      { kind: 'clock', time: new Date('2026-11-21T01:00:00Z'), line: 3 },
    ]);
  });

  it('reads a press line, in the direct chat unless one is named', () => {
    const steps = parse('{"at":"2026-11-20T09:00:00+08:00","from":"王芳","press":"双公示"}', '{"at":"2026-11-20T09:01:00+08:00","from":"王芳","chat":"group","press":"确认发布","id":"p-2"}');
    expect(steps).toEqual([
      { kind: 'press', press: { at: '2026-11-20T09:00:00+08:00', from: '王芳', chat: 'dm', press: '双公示', line: 1, time: new Date('2026-11-20T01:00:00Z') } },
      { kind: 'press', press: { at: '2026-11-20T09:01:00+08:00', from: '王芳', chat: 'group', press: '确认发布', id: 'p-2', line: 2, time: new Date('2026-11-20T01:01:00Z') } },
    ]);
    expect(() => parse('{"at":"2026-11-20T09:00:00+08:00","from":"王芳","press":""}')).toThrow(/字段 press：应为按钮的文字或取值/);
    expect(() => parse('{"at":"2026-11-20T09:00:00+08:00","from":"王芳","press":"1","text":"1"}')).toThrow(/第 1 行.*text/);
  });

  it('names the line and field of a mistake', () => {
    expect(() => parse('{"at":"2026-11-20T09:00:00+08:00"}', 'not json')).toThrow('s.jsonl 第 2 行：不是有效的 JSON');
    expect(() => parse('{"at":"2026-11-20 09:00","from":"王芳","chat":"dm","text":"x"}')).toThrow(/第 1 行，字段 at：应为带时区的时间/);
    expect(() => parse('{"at":"2026-11-20T09:00:00+08:00","from":"王芳","chat":"private","text":"x"}')).toThrow(/字段 chat：应为 "group"/);
    expect(() => parse('{"at":"2026-11-20T09:00:00+08:00","from":"王芳","chat":"dm"}')).toThrow(/字段 text/);
    expect(() => parse('{"at":"2026-11-20T09:00:00+08:00","from":"王芳","chat":"dm","text":"x","extra":1}')).toThrow(/第 1 行.*extra/);
  });

  it('refuses time going backwards', () => {
    expect(() => parse('{"at":"2026-11-20T09:00:00+08:00"}', '{"at":"2026-11-20T08:59:00+08:00"}')).toThrow(/第 2 行：时间 .* 早于上一行/);
  });
});

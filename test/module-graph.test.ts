import { describe, expect, it } from 'vitest';
import { cycles, importGraph } from './helpers/import-graph';

/** The domain rooms: business rules only, no chat engine (see the README's table of rooms). */
const PURE_ROOMS = ['src/submissions', 'src/points', 'src/reminders', 'src/ranking', 'src/tasks'];

/** What a pure room never imports: the chat engine, channels, chat flows and the app that wires them. */
const ENGINE = ['src/core/', 'src/conversations/', 'src/channels/', 'src/flows/', 'src/app.ts', 'src/main.ts', 'commands/'];

describe('module graph', () => {
  it('keeps the domain rooms free of the chat engine', () => {
    const graph = importGraph(PURE_ROOMS);
    const offending = [...graph].flatMap(([module, imports]) =>
      imports.filter((target) => ENGINE.some((engine) => target.startsWith(engine))).map((target) => `${module} → ${target}`),
    );
    expect(offending).toEqual([]);
  });

  it('has no import cycle, type-only imports included', () => {
    expect(cycles(importGraph(['src', 'commands'])).map((c) => c.join(' → '))).toEqual([]);
  });

  it('finds a cycle when there is one, through types too', () => {
    const graph = new Map([
      ['planner.ts', ['draft.ts', 'message.ts']],
      ['draft.ts', ['planner.ts']],
      ['message.ts', []],
    ]);
    expect(cycles(graph)).toEqual([['draft.ts', 'planner.ts', 'draft.ts']]);
  });
});

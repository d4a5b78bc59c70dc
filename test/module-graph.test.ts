import { describe, expect, it } from 'vitest';
import { cycles, importGraph } from './helpers/import-graph';

/** The domain rooms: business rules only, no chat engine (see the README's table of rooms). */
const PURE_ROOMS = ['src/submissions', 'src/points', 'src/reminders', 'src/ranking', 'src/tasks'];

/** What a pure room never imports: the chat engine, channels, chat flows and the app that wires them. */
const ENGINE = ['src/core/', 'src/conversations/', 'src/channels/', 'src/flows/', 'src/app.ts', 'src/main.ts', 'commands/'];

/**
 * The chat context and the conversations refer to each other by type (a handler's context carries
 * the conversations; a conversation hands handlers that context). They change together: one room.
 */
const ENGINE_HUB = ['src/core/', 'src/conversations/'];

describe('module graph', () => {
  it('keeps the domain rooms free of the chat engine', () => {
    const graph = importGraph(PURE_ROOMS);
    const offending = [...graph].flatMap(([module, imports]) =>
      imports.filter((target) => ENGINE.some((engine) => target.startsWith(engine))).map((target) => `${module} → ${target}`),
    );
    expect(offending).toEqual([]);
  });

  it('has no import cycle that exists at run time', () => {
    expect(cycles(importGraph(['src', 'commands'], { runtimeOnly: true })).map((c) => c.join(' → '))).toEqual([]);
  });

  it('has no cycle of types either, except inside the chat engine', () => {
    const outside = cycles(importGraph(['src', 'commands'])).filter((cycle) => !cycle.every((m) => ENGINE_HUB.some((hub) => m.startsWith(hub))));
    expect(outside.map((c) => c.join(' → '))).toEqual([]);
  });
});

import type { SimulatedOutput } from '../../src/channels/simulate-channel';
import type { ScriptLine } from './simulate';

/**
 * Builds simulate scripts that read like the conversation: each line one minute after the last,
 * starting at `start` (Beijing time).
 */
export function scriptFrom(start: string) {
  let time = new Date(start).getTime();
  const lines: ScriptLine[] = [];
  const stamp = () => {
    const at = new Date(time);
    time += 60_000;
    // Beijing time with its offset, as scripts are written by people.
    const local = new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19);
    return `${local}+08:00`;
  };
  return {
    lines,
    /** One or more messages from `from` in a direct chat with the bot. */
    dm(from: string, ...texts: string[]) {
      for (const text of texts) lines.push({ at: stamp(), from, chat: 'dm', text });
      return this;
    },
    /** A press of the button so labelled (or with that value) on `from`'s latest card in the direct chat. */
    press(from: string, button: string) {
      lines.push({ at: stamp(), from, press: button });
      return this;
    },
    group(from: string, text: string) {
      lines.push({ at: stamp(), from, chat: 'group', text });
      return this;
    },
    /** Jump the clock to a later time. */
    at(when: string) {
      time = new Date(when).getTime();
      lines.push({ at: stamp() });
      return this;
    },
  };
}

/** The texts the bot sent to one chat ("dm:wang-fang", "group"). */
export function textsTo(out: SimulatedOutput[], chat: string): string[] {
  return out.filter((o) => o.chat === chat).map((o) => o.text);
}

export function lastTo(out: SimulatedOutput[], chat: string): string {
  return textsTo(out, chat).at(-1) ?? '';
}

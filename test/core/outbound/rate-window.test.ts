import { describe, expect, it } from 'vitest';
import { RateWindow } from '../../../src/core/outbound/rate-window';

describe('RateWindow', () => {
  it('hands out at most the limit in any window, in order', () => {
    const window = new RateWindow(5, 1000);
    const slots = Array.from({ length: 12 }, () => window.reserve(0));
    expect(slots).toEqual([0, 0, 0, 0, 0, 1000, 1000, 1000, 1000, 1000, 2000, 2000]);
  });

  it('does not hold up sends that are already spaced out', () => {
    const window = new RateWindow(2, 1000);
    expect([0, 600, 1200, 1800].map((t) => window.reserve(t))).toEqual([0, 600, 1200, 1800]);
    // A third within the same second waits for the oldest of the two to leave the window.
    expect(window.reserve(1900)).toBe(2200);
  });

  it('says when it has nothing left to hold up', () => {
    const window = new RateWindow(1, 1000);
    expect(window.idleAt(0)).toBe(true);
    window.reserve(100);
    expect(window.idleAt(1099)).toBe(false);
    expect(window.idleAt(1100)).toBe(true);
  });

  it('refuses a limit that cannot be met', () => {
    expect(() => new RateWindow(0, 1000)).toThrow(/positive integer/);
  });
});

/**
 * Time as the outbound path sees it: milliseconds on a monotonic clock and a way to wait. Pacing
 * and back-off are injected so tests measure them on a manual timer instead of really waiting.
 */
export interface Timer {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realTimer: Timer = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

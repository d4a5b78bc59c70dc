import { describe, expect, it } from 'vitest';
import { STORES } from '../../src/bench/stores';
import { runNpmScript } from '../helpers/run-cli';

const FIGURES = ['db_mb', 'form_p50_ms', 'form_p99_ms', 'progress_p50_ms', 'progress_p99_ms', 'reminder_ms', 'burst_s', 'burst_chatter_s', 'burst_submit_s', 'startup_s', 'rss_mb'];

describe('npm run bench:scale', () => {
  it('measures the smallest department on every store and ends with the figures as one JSON object', async () => {
    const { code, stdout } = await runNpmScript('bench:scale', ['--sizes', '8x1', '--json', '--timeout', '300']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines.find((l) => l.startsWith('lowdb-before\t8 科室 × 1 个月\t'))).toBeDefined();
    const { configs } = JSON.parse(lines.at(-1)!);
    expect(configs.map((c: { store: string }) => c.store)).toEqual(STORES.map((s) => s.name));
    for (const config of configs) {
      expect(config).toMatchObject({ sections: 8, months: 1, timed_out: [] });
      for (const figure of FIGURES) expect({ figure, value: config[figure] }).toEqual({ figure, value: expect.any(Number) });
      for (const figure of FIGURES) expect(config[figure], figure).toBeGreaterThan(0);
      // Everyone in the small department writes at once: 18 people, the 17 who report may 填报.
      expect(config).toMatchObject({ burst_chatter_people: 18, burst_submit_people: 17 });
    }
  }, 300_000);

  it('refuses a size it cannot generate, saying how to write one', async () => {
    const { code, stderr } = await runNpmScript('bench:scale', ['--sizes', '5x1']);
    expect(code).toBe(2);
    expect(stderr).toContain('规模“5x1”应写作 科室数x月数，科室数至少 8，例如 8x1、300x36');
  });
});

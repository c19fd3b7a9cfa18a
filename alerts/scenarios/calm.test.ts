import { describe, expect, it } from 'vitest';
import { severityRank } from '../config.ts';
import { fired, run } from '../testing/scenario.ts';

/**
 * Two weeks of generated traffic replayed through the default playbook on a
 * simulated clock; onsets in the second week, after the detector has learned
 * the daily and weekly rhythm.
 */

describe('two calm weeks', () => {
  for (const seed of [21, 22]) {
    it(`two calm weeks (seed ${seed}) raise nothing above info`, async () => {
      const events = await run('Delta', seed, []);
      const above = fired(events).filter((e) => severityRank(e.severity) > severityRank('info'));
      expect(above.map((e) => `${e.at} ${e.kind} ${e.severity} ${e.explanation.summary ?? ''}`)).toEqual([]);
    }, 240_000);
  }
});

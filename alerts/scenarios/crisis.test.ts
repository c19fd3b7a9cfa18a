import { describe, expect, it } from 'vitest';
import { severityRank } from '../config.ts';
import { CRISIS_WORDS, fired, run } from '../testing/scenario.ts';

/**
 * Two weeks of generated traffic replayed through the default playbook on a
 * simulated clock; onsets in the second week, after the detector has learned
 * the daily and weekly rhythm.
 */
const MIN = 60_000;

describe('a synthetic crisis (volume ×5, negative share 20% → 70% within 20 minutes)', () => {
  for (const [label, onset] of [
    ['afternoon', '2026-03-12T15:07:00Z'],
    ['2 a.m.', '2026-03-12T02:03:00Z'],
  ] as const) {
    it(`catches a crisis in the ${label} within 10 minutes, crisis words among the top terms`, async () => {
      const events = await run('Acme', 11, [{ type: 'crisis', at: onset }]);
      const t0 = Date.parse(onset);
      const serious = fired(events).filter((e) => Date.parse(e.at) >= t0 && severityRank(e.severity) >= severityRank('critical'));
      expect(serious.length).toBeGreaterThan(0);
      const first = serious[0]!;
      expect(Date.parse(first.at) - t0).toBeLessThanOrEqual(10 * MIN);
      const terms = serious.flatMap((e) => e.explanation.topTerms);
      expect(terms.some((t) => CRISIS_WORDS.some((w) => t.includes(w)))).toBe(true);
      expect(first.explanation.sampleMentionIds.length).toBeGreaterThan(0);
      expect(first.explanation.observed).toBeGreaterThan(first.explanation.expected);
    }, 240_000);
  }

});

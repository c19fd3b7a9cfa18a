import { describe, expect, it } from 'vitest';
import { severityRank } from '../config.ts';
import { fired, run } from '../testing/scenario.ts';

/**
 * Two weeks of generated traffic replayed through the default playbook on a
 * simulated clock; onsets in the second week, after the detector has learned
 * the daily and weekly rhythm.
 */
const MIN = 60_000;

describe('slow burn and positive campaign', () => {
  it('warns about a slow burn within 3 hours', async () => {
    const onset = Date.parse('2026-03-12T08:00:00Z');
    const events = await run('Beta', 12, [{ type: 'slow_burn', at: onset, minutes: 480, negativeShare: 0.55 }]);
    const warn = fired(events).filter((e) => Date.parse(e.at) >= onset && severityRank(e.severity) >= severityRank('warning'));
    expect(warn.length).toBeGreaterThan(0);
    expect(Date.parse(warn[0]!.at) - onset).toBeLessThanOrEqual(180 * MIN);
  }, 240_000);

  it('a positive campaign spike raises nothing critical', async () => {
    const onset = Date.parse('2026-03-12T18:00:00Z');
    const events = await run('Gamma', 13, [{ type: 'campaign', at: onset }]);
    expect(fired(events).filter((e) => severityRank(e.severity) >= severityRank('critical'))).toEqual([]);
  }, 240_000);

});

import { describe, expect, it } from 'vitest';
import { severityRank } from '../config.ts';
import { CRISIS_WORDS, fired, run } from '../testing/scenario.ts';

/**
 * A quiet brand (60–150 mentions an hour at the daily peak, 1–2 per five minutes
 * at night) through the default playbook: the 5-minute detectors' low-volume
 * guards hold at night, so the crisis has to be caught by the small-sample path
 * (alerts/burst.ts) without it raising alarms on calm weeks or a campaign.
 */
const MIN = 60_000;
const serious = (s: string) => severityRank(s) >= severityRank('critical');

describe('a quiet brand', () => {
  for (const peak of [80, 150]) {
    for (const seed of [1, 2, 3]) {
      for (const [label, onset] of [
        ['2 a.m.', '2026-03-12T02:03:00Z'],
        ['afternoon', '2026-03-11T15:07:00Z'],
      ] as const) {
        it(`peak ${peak}/h, seed ${seed}: a crisis at ${label} is critical within 10 minutes`, async () => {
          const events = await run('Quill', seed, [{ type: 'crisis', at: onset }], 14, peak);
          const t0 = Date.parse(onset);
          const hits = fired(events).filter((e) => Date.parse(e.at) >= t0 && serious(e.severity));
          expect(hits.length).toBeGreaterThan(0);
          const first = hits[0]!;
          console.log(`quiet brand peak ${peak} seed ${seed} ${label}: first ${first.severity} (${first.kind}) after ${(Date.parse(first.at) - t0) / MIN} min`);
          expect(Date.parse(first.at) - t0).toBeLessThanOrEqual(10 * MIN);
          expect(first.explanation.sampleMentionIds.length).toBeGreaterThan(0);
          expect(first.explanation.observed).toBeGreaterThan(first.explanation.expected);
          expect(first.explanation.band.length).toBe(2);
          expect(first.explanation.topTerms.some((t) => CRISIS_WORDS.some((w) => t.includes(w)))).toBe(true);
        }, 120_000);
      }

      it(`peak ${peak}/h, seed ${seed}: two calm weeks raise nothing above info`, async () => {
        const events = await run('Quill', 100 + seed, [], 14, peak);
        const above = fired(events).filter((e) => severityRank(e.severity) > severityRank('info'));
        expect(above.map((e) => `${e.at} ${e.kind} ${e.severity} ${e.explanation.summary ?? ''}`)).toEqual([]);
      }, 120_000);

      it(`peak ${peak}/h, seed ${seed}: a positive campaign raises nothing critical`, async () => {
        const onset = Date.parse('2026-03-12T18:00:00Z');
        const events = await run('Quill', 200 + seed, [{ type: 'campaign', at: onset }], 14, peak);
        // From the campaign on: calm-traffic false alarms are the calm-weeks test's business.
        expect(fired(events).filter((e) => Date.parse(e.at) >= onset && serious(e.severity)).map((e) => `${e.at} ${e.kind} ${e.severity}`)).toEqual([]);
      }, 120_000);
    }
  }
});

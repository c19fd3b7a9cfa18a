import { describe, expect, it } from 'vitest';
import { defaultAlertsConfig, severityRank } from '../config.ts';
import { labelled, replayAlerts } from '../testing/replay.ts';
import { CRISIS_WORDS, fired, run } from '../testing/scenario.ts';
import { generateStream } from '../testing/stream.ts';

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

      it(`peak ${peak}/h, seed ${seed}: a positive campaign, and the organic bumps before it, raise nothing critical`, async () => {
        const events = await run('Quill', 200 + seed, [{ type: 'campaign', at: '2026-03-12T18:00:00Z' }], 14, peak);
        expect(fired(events).filter((e) => serious(e.severity)).map((e) => `${e.at} ${e.kind} ${e.severity}`)).toEqual([]);
      }, 120_000);
    }
  }
});

/**
 * The campaign test's stream at peak 150/h, seed 201, its first five days: on
 * 6 March an organic bump (from 19:10; at 20:20–20:25 volume 34 vs 13 expected)
 * happened to carry 13 negative mentions of 34 (share 38 % vs 20 %, p ≈ 0.012:
 * chance, one of 28 such surge windows in 30 generated fortnights). The critical
 * rule took the ratios (negatives ×4.7, share ×1.9) without asking whether the
 * share was beyond chance, and called it critical.
 */
it('an organic bump of a quiet brand whose share of negatives is up by chance is not critical (peak 150/h, seed 201)', async () => {
  const until = Date.parse('2026-03-07T00:00:00Z');
  const stream = generateStream({ brand: 'Quill', seed: 201, days: 11, peakPerHour: 150, episodes: [{ type: 'campaign', at: '2026-03-12T18:00:00Z' }] });
  const mentions = stream.filter((g) => Date.parse(g.publishedAt) < until).map((g) => labelled(g, 'Quill'));
  const events = fired(await replayAlerts(mentions, defaultAlertsConfig(), { stepMs: 30_000 }));
  // The bump is there and is news (info), so the stream still exercises the case.
  const bump = events.filter((e) => e.kind === 'volume_spike' && e.at >= '2026-03-06T19:00' && e.at <= '2026-03-06T21:00');
  expect(bump.length).toBeGreaterThan(0);
  expect(events.filter((e) => serious(e.severity)).map((e) => `${e.at} ${e.kind} ${e.severity} ${e.explanation.summary ?? ''}`)).toEqual([]);
}, 120_000);

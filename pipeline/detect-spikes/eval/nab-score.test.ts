import { describe, expect, it } from 'vitest';
import { NAB_PROFILES, scoreNab, scaledSigmoid } from './nab-score.ts';
import { nabAvailable, nabSeriesNames, nabWindows, readNumentaReference } from './nab-data.ts';

const MIN = 60_000;
const times = Array.from({ length: 1000 }, (_, i) => i * MIN);
const windows: Array<[number, number]> = [[500 * MIN, 549 * MIN]];

describe('NAB scorer on hand-made series', () => {
  it('gives 100 for one detection at the start of each window and 0 for never firing', () => {
    const perfect = times.map((_, i) => (i === 500 ? 1 : 0));
    expect(scoreNab([{ name: 'a', times, scores: perfect, windows }], NAB_PROFILES.standard).score).toBeCloseTo(100, 6);
    const never = times.map(() => 0);
    expect(scoreNab([{ name: 'a', times, scores: never, windows }], NAB_PROFILES.standard).score).toBeCloseTo(0, 6);
  });

  it('weighs late detections less and charges false positives', () => {
    const late = times.map((_, i) => (i === 540 ? 1 : 0));
    const lateScore = scoreNab([{ name: 'a', times, scores: late, windows }], NAB_PROFILES.standard).score;
    expect(lateScore).toBeGreaterThan(0);
    expect(lateScore).toBeLessThan(100);
    const withFp = times.map((_, i) => (i === 500 || i === 300 ? 1 : 0));
    const r = scoreNab([{ name: 'a', times, scores: withFp, windows }], NAB_PROFILES.standard);
    expect(r.raw).toBeCloseTo(1 - 0.11, 6);
    expect(scaledSigmoid(-1)).toBeCloseTo(0.98661, 4);
  });
});

describe.skipIf(!nabAvailable())('NAB scorer against the published numenta results (../shared/data/nab)', () => {
  it('scores numenta 70.93 / 64.99 / 75.00', () => {
    const series = nabSeriesNames().map((name) => {
      const r = readNumentaReference(name);
      return { name, times: r.times, scores: r.values, windows: nabWindows(name) };
    });
    expect(series).toHaveLength(48);
    expect(scoreNab(series, NAB_PROFILES.standard).score.toFixed(2)).toBe('70.93');
    expect(scoreNab(series, NAB_PROFILES.reward_low_FP_rate).score.toFixed(2)).toBe('64.99');
    expect(scoreNab(series, NAB_PROFILES.reward_low_FN_rate).score.toFixed(2)).toBe('75.00');
  });
});
if (!nabAvailable()) console.warn('skipping the NAB reference check: ../shared/data/nab is absent');

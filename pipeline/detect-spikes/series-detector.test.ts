import { describe, expect, it } from 'vitest';
import { createSeriesDetector, restoreSeriesDetector, type SeriesDetectorOptions } from './series-detector.ts';
import { poisson, rng } from '../../core/random.ts';
import { MONDAY, mentionStream } from './synthetic.ts';
import type { Detection } from './detection.ts';

const W = 300_000;
const DAY = 86_400_000;

function runCounts(values: Array<{ at: number; value: number }>, options: Partial<SeriesDetectorOptions> = {}): Detection[] {
  const det = createSeriesDetector({ metric: 'volume', ...options });
  return values.map((p) => det.update(p));
}

/** Index of the window at day `d` (0 = first Monday), hour `h`. */
const idx = (d: number, h: number) => Math.round((d * DAY + h * 3_600_000) / W);

describe('volume detector on two weeks of rhythmic mention counts', () => {
  it('keeps scores low through calm weeks with organic bumps (several seeds)', () => {
    for (const seed of [1, 2, 3, 4]) {
      const stream = mentionStream({ seed, bumps: [[idx(3, 14), 12, 1.4], [idx(9, 19), 18, 1.3]] });
      const dets = runCounts(stream);
      const afterDay1 = dets.slice(idx(1, 0));
      const loud = afterDay1.filter((d) => d.score >= 0.5);
      // An organic ×1.4 bump on top of a bursty hour can reach ~0.9 ("very unusual"), never certainty.
      expect(Math.max(...afterDay1.map((d) => d.score)), `seed ${seed}`).toBeLessThan(0.95);
      expect(loud.length / afterDay1.length, `seed ${seed}`).toBeLessThan(0.01);
    }
  });

  it('scores a ×5 spike at the daily peak high in its first window, direction up', () => {
    const stream = mentionStream({ seed: 7 });
    const at = idx(10, 13);
    const r = rng(99);
    for (let i = at; i < at + 4; i++) stream[i]!.value = poisson(stream[i]!.rate * 5, r);
    const d = runCounts(stream)[at]!;
    expect(d.score).toBeGreaterThan(0.9);
    expect(d.direction).toBe('up');
    expect(d.kind).toBe('volume_spike');
    expect(d.observed).toBeGreaterThan(d.upper);
    expect(d.expected).toBeGreaterThan(d.lower);
  });

  it('catches the same ×5 spike at 2 a.m. for a brand with real volume', () => {
    const stream = mentionStream({ seed: 8, peak: 200 });
    const at = idx(10, 2);
    const r = rng(5);
    for (let i = at; i < at + 4; i++) stream[i]!.value = poisson(stream[i]!.rate * 5, r);
    const d = runCounts(stream)[at]!;
    expect(d.expected).toBeLessThan(60);
    expect(d.score).toBeGreaterThan(0.9);
  });

  it('does not call 10 → 30 mentions at 3 a.m. alarming (low-volume guard)', () => {
    // A steady 10 per window at night: the rhythm is flat, only the jump matters.
    const r = rng(3);
    const stream = Array.from({ length: idx(7, 0) }, (_, i) => ({ at: MONDAY + i * W, value: poisson(10, r) }));
    const at = idx(6, 3);
    stream[at]!.value = 30;
    const d = runCounts(stream)[at]!;
    expect(d.pValue).toBeLessThan(0.01); // statistically unusual …
    expect(d.score).toBeLessThanOrEqual(0.4); // … but not a crisis
    // while 5,000 → 15,000 is.
    const big = Array.from({ length: idx(7, 0) }, (_, i) => ({ at: MONDAY + i * W, value: poisson(5000, r) }));
    big[at]!.value = 15_000;
    expect(runCounts(big)[at]!.score).toBeGreaterThan(0.99);
  });

  it('detects a slow volume creep over hours as slow_burn within 4 hours', () => {
    const stream = mentionStream({ seed: 11 });
    const start = idx(10, 9);
    // +2 % per window: +24 % after an hour, ×1.7 after 3 h; no single window jumps.
    for (let i = start; i < stream.length; i++) stream[i]!.value = Math.round(stream[i]!.value * Math.min(2.5, 1 + 0.02 * (i - start)));
    const dets = runCounts(stream);
    const first = dets.slice(start).findIndex((d) => d.score >= 0.5);
    expect(first).toBeGreaterThan(0);
    // Honest bound: a +2 %/window creep is caught after ~3.6 h (the CUSUM only counts rises above +25 %).
    expect(first).toBeLessThanOrEqual(48);
    expect(['slow_burn', 'volume_spike']).toContain(dets[start + first]!.kind);
    expect(dets.slice(idx(1, 0), start).every((d) => d.score < 0.5)).toBe(true);
  });

  it('treats skipped windows as no data by default, or as zeros when asked', () => {
    const stream = mentionStream({ seed: 2, windows: idx(3, 0) });
    const gap = stream.filter((_, i) => i < idx(2, 10) || i >= idx(2, 14));
    const noData = runCounts(gap);
    const zeros = runCounts(gap, { gap: 'zero' });
    const after = gap.findIndex((p) => p.at >= MONDAY + 2 * DAY + 14 * 3_600_000);
    // Zeros pulled the baseline down, so the same observation looks bigger against it.
    expect(zeros[after]!.expected).toBeLessThan(noData[after]!.expected);
    expect(() => createSeriesDetector({ metric: 'volume' }).update({ at: NaN, value: 1 })).toThrow(/point.at/);
  });
});

describe('negative share', () => {
  function shareStream(seed: number) {
    const r = rng(seed);
    return mentionStream({ seed }).map((p) => {
      let neg = 0;
      for (let i = 0; i < p.value; i++) if (r() < 0.2) neg++;
      return { at: p.at, value: neg, total: p.value };
    });
  }

  it('catches 20 % → 70 % and ignores 2 of 3', () => {
    const s = shareStream(4);
    const at = idx(10, 14);
    const r = rng(8);
    let neg = 0;
    for (let i = 0; i < s[at]!.total; i++) if (r() < 0.7) neg++;
    s[at]!.value = neg;
    const tiny = idx(11, 3);
    s[tiny] = { at: s[tiny]!.at, value: 2, total: 3 };
    const det = createSeriesDetector({ metric: 'negative_share' });
    const dets = s.map((p) => det.update(p));
    expect(dets[at]!.kind).toBe('negative_share');
    expect(dets[at]!.score).toBeGreaterThan(0.9);
    expect(dets[at]!.expected).toBeCloseTo(0.2, 1);
    expect(dets[tiny]!.score).toBeLessThan(0.4);
    expect(Math.max(...dets.slice(idx(1, 0), at).map((d) => d.score))).toBeLessThan(0.5);
  });

  it('detects negative share creeping from 20 % to 50 % over three hours as slow_burn within 3 hours', () => {
    const s = shareStream(12);
    const start = idx(10, 10);
    const r = rng(21);
    for (let i = start; i < s.length; i++) {
      const share = Math.min(0.5, 0.2 + (0.3 * (i - start)) / 36);
      let neg = 0;
      for (let j = 0; j < s[i]!.total; j++) if (r() < share) neg++;
      s[i]!.value = neg;
    }
    const det = createSeriesDetector({ metric: 'negative_share' });
    const dets = s.map((p) => det.update(p));
    const first = dets.slice(start).findIndex((d) => d.score >= 0.5);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(36);
    expect(dets.slice(idx(1, 0), start).every((d) => d.score < 0.5)).toBe(true);
  });

  it('rejects a share point without its total, naming the field', () => {
    expect(() => createSeriesDetector({ metric: 'negative_share' }).update({ at: MONDAY, value: 3 })).toThrow(/point.total/);
  });
});

describe('state', () => {
  it('round-trips through JSON without changing any later detection', () => {
    const stream = mentionStream({ seed: 5, windows: idx(4, 0) });
    const cut = idx(2, 17);
    const a = createSeriesDetector({ metric: 'volume' });
    const whole = stream.map((p) => a.update(p));
    const b = createSeriesDetector({ metric: 'volume' });
    stream.slice(0, cut).forEach((p) => b.update(p));
    const restored = restoreSeriesDetector(JSON.parse(JSON.stringify(b.toJSON())));
    const rest = stream.slice(cut).map((p) => restored.update(p));
    expect(rest).toEqual(whole.slice(cut));
    expect(() => restoreSeriesDetector({ v: 9 })).toThrow(/version-1/);
  });

  it('is causal: appending future windows never changes past detections', () => {
    const stream = mentionStream({ seed: 6, windows: idx(3, 0) });
    const full = runCounts(stream);
    const prefix = runCounts(stream.slice(0, idx(2, 5)));
    expect(full.slice(0, prefix.length)).toEqual(prefix);
  });
});

/**
 * The Numenta Anomaly Benchmark scoring method, as described in
 * ../shared/data/README.md ("How a detector is scored") and implemented by NAB's
 * sweeper: probation, windows, the scaled sigmoid, best detection per window,
 * FP weighting after windows, one global threshold, normalisation.
 */

/** Cost profile: (A_TP, A_FP, A_FN). */
export interface NabProfile {
  tp: number;
  fp: number;
  fn: number;
}

export const NAB_PROFILES: Record<'standard' | 'reward_low_FP_rate' | 'reward_low_FN_rate', NabProfile> = {
  standard: { tp: 1, fp: 0.11, fn: 1 },
  reward_low_FP_rate: { tp: 1, fp: 0.22, fn: 1 },
  reward_low_FN_rate: { tp: 1, fp: 0.11, fn: 2 },
};

/** One series to score: per-row times (ms) and scores, and its labelled windows as [startMs, endMs] (inclusive). */
export interface NabSeries {
  name: string;
  times: number[];
  scores: number[];
  windows: Array<[number, number]>;
}

/** σ(x) = 2/(1 + e^{5x}) − 1, clamped to −1 from 3 window-widths on, as NAB does. */
export function scaledSigmoid(x: number): number {
  if (x >= 3) return -1;
  return 2 / (1 + Math.exp(5 * x)) - 1;
}

export function probationLength(n: number): number {
  return Math.min(Math.floor(0.15 * n), 750);
}

/** A scored row: its anomaly score, its value when it fires (before profile weights), and its window (-1 = none). */
interface Point {
  score: number;
  /** Unweighted sigmoid value: TP worth if in a window, FP cost factor (≤ 0) otherwise. */
  sweep: number;
  window: number;
}

const MAX_TP = scaledSigmoid(-1);

/** Rows of one series after probation, each tagged with its window id (offset by `windowBase`). */
function sweepSeries(s: NabSeries, windowBase: number): { points: Point[]; windows: Set<number> } {
  const { times, scores } = s;
  if (times.length !== scores.length) throw new Error(`${s.name}: ${times.length} timestamps but ${scores.length} scores`);
  const indexOf = new Map<number, number>();
  times.forEach((t, i) => indexOf.set(t, i));
  const bounds = s.windows.map(([a, b], k) => {
    const left = indexOf.get(a);
    const right = indexOf.get(b);
    if (left === undefined || right === undefined) throw new Error(`${s.name}: window ${k} bounds are not row timestamps`);
    return { left, right };
  });
  const probation = probationLength(times.length);
  const points: Point[] = [];
  const windows = new Set<number>();
  let w = 0;
  let prevRight = -1;
  let prevWidth = 0;
  for (let i = 0; i < times.length; i++) {
    while (w < bounds.length && bounds[w]!.right < i) {
      prevRight = bounds[w]!.right;
      prevWidth = bounds[w]!.right - bounds[w]!.left + 1;
      w++;
    }
    const cur = bounds[w];
    let sweep: number;
    let window = -1;
    if (cur && i >= cur.left && i <= cur.right) {
      const width = cur.right - cur.left + 1;
      sweep = scaledSigmoid(-(cur.right - i + 1) / width) / MAX_TP;
      window = windowBase + w;
    } else {
      sweep = prevRight < 0 ? -1 : scaledSigmoid(Math.abs(prevRight - i) / (prevWidth - 1));
    }
    if (i < probation) continue;
    if (window >= 0) windows.add(window);
    points.push({ score: scores[i]!, sweep, window });
  }
  return { points, windows };
}

export interface NabResult {
  /** Normalised score, 0 = never firing, 100 = perfect. */
  score: number;
  threshold: number;
  raw: number;
  windows: number;
  tp: number;
  fp: number;
  fn: number;
}

/** Scores all series together under one profile, choosing the single best threshold. */
export function scoreNab(series: NabSeries[], profile: NabProfile): NabResult {
  const all: Point[] = [];
  const windowIds = new Set<number>();
  let base = 0;
  for (const s of series) {
    const { points, windows } = sweepSeries(s, base);
    base += s.windows.length;
    for (const p of points) all.push(p);
    for (const w of windows) windowIds.add(w);
  }
  all.sort((a, b) => b.score - a.score);
  const nWindows = windowIds.size;
  const best = new Map<number, number>();
  let fpSum = 0;
  let tpSum = 0; // sum over windows of (max(-fn, best tp) + fn), i.e. gain over missing it
  const nullScore = -profile.fn * nWindows;
  // "Never fire" first; ties keep the higher threshold, so only strictly better scores replace it.
  let bestScore = nullScore;
  let bestThreshold = Infinity;
  let counts = { tp: 0, fp: 0 };
  let bestCounts = { ...counts };
  for (let i = 0; i < all.length; i++) {
    const p = all[i]!;
    if (p.window >= 0) {
      counts.tp++;
      const worth = Math.max(-profile.fn, p.sweep * profile.tp);
      const prev = best.get(p.window);
      if (prev === undefined) {
        best.set(p.window, worth);
        tpSum += worth + profile.fn;
      } else if (worth > prev) {
        best.set(p.window, worth);
        tpSum += worth - prev;
      }
    } else {
      counts.fp++;
      fpSum += p.sweep * profile.fp;
    }
    const next = all[i + 1];
    if (next !== undefined && next.score === p.score) continue;
    const total = nullScore + tpSum + fpSum;
    if (total > bestScore) {
      bestScore = total;
      bestThreshold = p.score;
      bestCounts = { ...counts };
    }
  }
  const perfect = profile.tp * nWindows;
  // Windows found at the chosen threshold.
  let found = 0;
  if (bestThreshold !== Infinity) {
    const hit = new Set<number>();
    for (const p of all) if (p.score >= bestThreshold && p.window >= 0) hit.add(p.window);
    found = hit.size;
  }
  counts = bestCounts;
  return {
    score: (100 * (bestScore - nullScore)) / (perfect - nullScore),
    threshold: bestThreshold,
    raw: bestScore,
    windows: nWindows,
    tp: found,
    fp: counts.fp,
    fn: nWindows - found,
  };
}

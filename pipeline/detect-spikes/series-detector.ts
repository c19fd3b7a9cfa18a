import { ValidationError } from '../../core/errors.ts';
import type { Detection, DetectionKind, MetricName } from './detection.ts';
import { SeasonalBaseline, type BaselineOptions, type BaselineState } from './seasonal-baseline.ts';
import { alphaFromHalfLife, binomialLower, binomialUpper, normalUpper, poissonLower, poissonUpper, scoreFromP } from './stats.ts';

/** Options of one metric's detector. Every field but `metric` has a default. */
export interface SeriesDetectorOptions extends BaselineOptions {
  metric: MetricName;
  /** Label copied into detections, e.g. 'all' or 'source=reddit'; default 'all'. */
  dimension?: string;
  /** Kind reported for sudden anomalies; default from the metric (volume → volume_spike, crisis_count → crisis_terms, …). */
  kind?: DetectionKind;
  /** Windows seen before any score above 0; default 12. */
  warmupWindows?: number;
  /** Counts: minimum observed − expected before a score may pass 0.4; default 25. Shares: minimum share rise; default 0.1. Values: default 0. */
  minExcess?: number;
  /** Counts: minimum observed / expected before a score may pass 0.4; default 1.5. */
  minRatio?: number;
  /** Shares: minimum trials (mentions) in the window before a score may pass 0.4; default 20. */
  minTrials?: number;
  /** Which deviations score: default 'up' for counts and shares (crises rise), 'both' for values. */
  direction?: 'up' | 'down' | 'both';
  /** Values: 'log1p' suits heavy-tailed non-negative values (reach); default 'log1p' for reach_volume, 'none' otherwise. */
  transform?: 'log1p' | 'none';
  /** Band half-width in standard deviations, also the winsorising limit for learning; default 3. */
  bandSigma?: number;
  /** Windows seen before the slow-burn accumulator starts (the baseline needs a day to know the rhythm); default one day. */
  slowBurnWarmupWindows?: number;
  /** Smallest sustained rise the slow-burn accumulator counts: counts +25 % of expected (default 0.25), shares +0.05 (default). Natural drift of the rhythm stays below it. */
  slowBurnMinRise?: number;
  /** CUSUM allowance per window, in standard deviations; default 0.5. */
  slowBurnK?: number;
  /** CUSUM level at which the slow-burn score reaches 0.5; default 6. */
  slowBurnThreshold?: number;
  /** −log10 p at which the spike score is 0.5; default 4 (p = 1e-4). */
  pCentre?: number;
  /** What skipped windows mean: 'no-data' (e.g. a collector outage; the baseline waits) or 'zero' (no mentions); default 'no-data'. */
  gap?: 'no-data' | 'zero';
  /** With gap 'zero', at most this many missing windows are filled; default 2016 (a week of 5-min windows). */
  maxGapFillWindows?: number;
}

/** One window's measurement. For shares, `value` is the matching count (e.g. negatives) and `total` the trials. */
export interface SeriesPoint {
  /** Window start, ms since epoch. */
  at: number;
  value: number;
  total?: number;
}

interface DetectorState {
  v: 1;
  options: SeriesDetectorOptions;
  baseline: BaselineState;
  n: number;
  lastAt: number | null;
  dispersion: number;
  scale: number | null;
  cusum: number;
  cusumExcess: number;
    shareK: number;
  shareN: number;
}

export interface SeriesDetector {
  update(point: SeriesPoint): Detection;
  toJSON(): DetectorState;
}

const DEFAULT_KIND: Record<MetricName, DetectionKind> = {
  volume: 'volume_spike',
  negative_count: 'negative_spike',
  negative_share: 'negative_share',
  crisis_count: 'crisis_terms',
  reach_volume: 'reach_spike',
  value: 'value_anomaly',
};

type Family = 'count' | 'share' | 'value';
const family = (m: MetricName): Family => (m === 'negative_share' ? 'share' : m === 'reach_volume' || m === 'value' ? 'value' : 'count');

/** Builds a causal, clock-free detector for one metric of one series. */
export function createSeriesDetector(options: SeriesDetectorOptions): SeriesDetector {
  return build(options, undefined);
}

/** Restores a detector from `toJSON()` output (e.g. after an alerter restart). */
export function restoreSeriesDetector(state: unknown): SeriesDetector {
  const s = state as Partial<DetectorState> | null;
  if (!s || s.v !== 1 || !s.options || !s.baseline) throw new ValidationError('detector state: not a version-1 SeriesDetector state (expected the object from toJSON())');
  return build(s.options, s as DetectorState);
}

function build(options: SeriesDetectorOptions, saved: DetectorState | undefined): SeriesDetector {
  const fam = family(options.metric);
  const windowMs = options.windowMs ?? 300_000;
  const dimension = options.dimension ?? 'all';
  const kind = options.kind ?? DEFAULT_KIND[options.metric];
  const warmup = options.warmupWindows ?? 12;
  const minExcess = options.minExcess ?? (fam === 'count' ? 25 : fam === 'share' ? 0.1 : 0);
  const minRatio = options.minRatio ?? 1.5;
  const minTrials = options.minTrials ?? 20;
  const direction = options.direction ?? (fam === 'value' ? 'both' : 'up');
  const transform = options.transform ?? (options.metric === 'reach_volume' ? 'log1p' : 'none');
  const bandSigma = options.bandSigma ?? 3;
  const k = options.slowBurnK ?? 0.5;
  const h = options.slowBurnThreshold ?? 6;
  const pCentre = options.pCentre ?? 4;
  const minRise = options.slowBurnMinRise ?? (fam === 'share' ? 0.05 : fam === 'count' ? 0.25 : 0);
  const slowWarmup = options.slowBurnWarmupWindows ?? Math.round(86_400_000 / windowMs);
  const gap = options.gap ?? 'no-data';
  const maxFill = options.maxGapFillWindows ?? 2016;
  const aSlow = alphaFromHalfLife((options.levelHalfLifeMs ?? 86_400_000) / windowMs);
  const baseline = new SeasonalBaseline({ ...options, windowMs, mode: fam === 'value' ? 'additive' : 'multiplicative' }, saved?.baseline);
  const st: DetectorState = saved
    ? structuredClone(saved)
    : { v: 1, options: { ...options }, baseline: baseline.toJSON(), n: 0, lastAt: null, dispersion: 1.5, scale: null, cusum: 0, cusumExcess: 0, shareK: 0, shareN: 0 };

  const fwd = (x: number) => (transform === 'log1p' ? Math.log1p(Math.max(0, x)) : x);
  const back = (x: number) => (transform === 'log1p' ? Math.expm1(x) : x);

  function detect(p: SeriesPoint, learnOnly: boolean): Detection {
    const warming = st.n < warmup;
    let observed = p.value;
    let expected: number;
    let lower: number;
    let upper: number;
    let pUp = 1;
    let pDown = 1;
    let z = 0;
    let zSlow = 0;
    let excess = 0;
    let guardUp = 1;
    let learnValue: number | null = p.value;
    const total = p.total ?? 0;

    if (fam === 'count') {
      const mu = Math.max(baseline.expected(p.at) ?? p.value, 0.5);
      const d = st.dispersion;
      const sd = Math.sqrt(d * mu);
      expected = mu;
      lower = Math.max(0, mu - bandSigma * sd);
      upper = mu + bandSigma * sd;
      pUp = poissonUpper(p.value / d, mu / d);
      pDown = poissonLower(p.value / d, mu / d);
      z = (p.value - mu) / sd;
      zSlow = (p.value - mu * (1 + minRise)) / sd;
      excess = p.value - mu;
      guardUp = Math.min(1, excess / Math.max(minExcess, 1e-9), (p.value / mu - 1) / Math.max(minRatio - 1, 1e-9));
      if (!warming) {
        const r = Math.min((p.value - mu) ** 2 / mu, 25);
        st.dispersion = Math.max(1, st.dispersion + aSlow * 4 * (r - st.dispersion));
      }
      learnValue = warming ? p.value : Math.min(Math.max(p.value, lower), upper);
    } else if (fam === 'share') {
      const p0 = (st.shareK + 1) / (st.shareN + 5); // weak prior at 20 %
      observed = total > 0 ? p.value / total : 0;
      expected = p0;
      const d = st.dispersion;
      const sd = total > 0 ? Math.sqrt((d * p0 * (1 - p0)) / total) : 1;
      lower = Math.max(0, p0 - bandSigma * sd);
      upper = Math.min(1, p0 + bandSigma * sd);
      if (total > 0) {
        pUp = binomialUpper(p.value / d, total / d, p0);
        pDown = binomialLower(p.value / d, total / d, p0);
        z = (observed - p0) / sd;
        zSlow = (observed - p0 - minRise) / sd;
        excess = observed - p0;
        guardUp = Math.min(1, excess / Math.max(minExcess, 1e-9), total / minTrials);
        if (!warming) st.dispersion = Math.max(1, st.dispersion + aSlow * 4 * (Math.min(z * z * d, 25) - st.dispersion));
        const kLearn = warming ? p.value : Math.min(Math.max(observed, lower), upper) * total;
        // Pooled, decaying sums: busy windows weigh more than quiet ones.
        st.shareK = st.shareK * (1 - aSlow) + kLearn;
        st.shareN = st.shareN * (1 - aSlow) + total;
      }
      learnValue = null;
    } else {
      const x = fwd(p.value);
      const e = baseline.expected(p.at) ?? x;
      const sd = Math.max(st.scale ?? Math.abs(x) * 0.1 + 1e-9, 1e-9);
      z = (x - e) / sd;
      zSlow = z - minRise;
      expected = back(e);
      lower = back(e - bandSigma * sd);
      upper = back(e + bandSigma * sd);
      pUp = normalUpper(z);
      pDown = normalUpper(-z);
      excess = p.value - expected;
      guardUp = minExcess > 0 ? Math.min(1, excess / minExcess) : 1;
      const resid = Math.min(Math.abs(x - e), bandSigma * sd);
      st.scale = st.scale === null ? Math.abs(x) * 0.1 + 1e-9 : st.scale + aSlow * 4 * (1.25 * resid - st.scale);
      learnValue = warming ? x : Math.min(Math.max(x, e - bandSigma * sd), e + bandSigma * sd);
    }

    if (learnValue !== null) baseline.update(p.at, learnValue);
    st.n++;

    // Slow burn: a one-sided CUSUM on the standardised residual, with the excess it has accumulated.
    if (st.n > slowWarmup) {
      const zc = Math.max(-4, Math.min(zSlow, 4));
      st.cusum = Math.max(0, st.cusum + zc - k);
      st.cusumExcess = st.cusum === 0 ? 0 : st.cusumExcess + excess;
    }

    let score = 0;
    let dir: Detection['direction'] = 'none';
    let pValue = 1;
    let outKind = kind;
    if (!warming && !learnOnly) {
      const upScore = direction === 'down' ? 0 : cap(scoreFromP(pUp, pCentre), guardUp);
      const downScore = direction === 'up' ? 0 : scoreFromP(pDown, pCentre);
      if (upScore >= downScore) {
        score = upScore;
        pValue = pUp;
        dir = z > 0 ? 'up' : 'none';
      } else {
        score = downScore;
        pValue = pDown;
        dir = 'down';
      }
      if (direction !== 'down') {
        // A slow burn must also add up to enough extra mentions.
        const cumulativeGuard = fam === 'count' ? st.cusumExcess / Math.max(minExcess, 1e-9) : 1;
        const slow = cap(1 / (1 + Math.exp(-4 * (st.cusum / h - 1))), Math.min(1, cumulativeGuard));
        if (slow > score && st.cusum >= h / 2) {
          score = slow;
          dir = 'up';
          outKind = 'slow_burn';
        }
      }
    }
    const det: Detection = { metric: options.metric, dimension, at: p.at, windowMs, observed, expected, lower, upper, score, direction: dir, kind: outKind, pValue, cusum: st.cusum, warmingUp: warming };
    if (fam === 'share') det.total = total;
    return det;
  }

  return {
    update(point) {
      if (!Number.isFinite(point.at)) throw new ValidationError(`point.at: expected a window start in ms, got ${String(point.at)}`);
      if (!Number.isFinite(point.value)) throw new ValidationError(`point.value: expected a finite number, got ${String(point.value)}`);
      if (fam === 'share' && (point.total === undefined || point.total < point.value)) throw new ValidationError('point.total: a share needs total ≥ value (the mentions the count was taken from)');
      if (st.lastAt !== null && point.at <= st.lastAt) throw new ValidationError(`point.at: window ${new Date(point.at).toISOString()} is not after the last one (${new Date(st.lastAt).toISOString()}); feed windows in order, once`);
      if (gap === 'zero' && st.lastAt !== null && fam !== 'share') {
        const missing = Math.min(Math.round((point.at - st.lastAt) / windowMs) - 1, maxFill);
        for (let i = missing; i >= 1; i--) detect({ at: point.at - i * windowMs, value: 0 }, true);
      }
      st.lastAt = point.at;
      return detect(point, false);
    },
    toJSON() {
      return { ...structuredClone(st), baseline: baseline.toJSON() };
    },
  };
}

/** Below the low-volume guard a score may not pass 0.4, shrinking with the guard. */
function cap(score: number, guard: number): number {
  return guard >= 1 ? score : Math.min(score, 0.4 * Math.max(0, guard));
}

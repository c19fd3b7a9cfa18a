import { chTime } from '../../core/store/clickhouse.ts';

/** What a detector says about one window; the alerting module and the `detections` table read it. */
export type DetectionKind = 'volume_spike' | 'negative_spike' | 'negative_share' | 'crisis_terms' | 'reach_spike' | 'slow_burn' | 'value_anomaly';

/** The metrics watched per series (brand, or brand × topic / source / language). */
export type MetricName = 'volume' | 'negative_count' | 'negative_share' | 'crisis_count' | 'reach_volume' | 'value';

export interface Detection {
  metric: MetricName;
  /** Series label, e.g. 'all' or 'source=reddit'; copied from the detector options. */
  dimension: string;
  /** Window start (ms since epoch, UTC). */
  at: number;
  windowMs: number;
  /** Observed value: a count, a share in [0, 1], or a value. */
  observed: number;
  /** Baseline expectation for this window (for shares: the expected share). */
  expected: number;
  /** The band inside which the value counts as normal (≈ 3 standard deviations, or the 0.13 %/99.87 % tails). */
  lower: number;
  upper: number;
  /** 0 = normal … 1 = certainly anomalous; ≥ 0.5 is "unusual", ≥ 0.9 "very unusual". */
  score: number;
  direction: 'up' | 'down' | 'none';
  kind: DetectionKind;
  /** One-sided tail probability of the observation under the baseline (spike test); 1 when warming up. */
  pValue: number;
  /** Slow-burn accumulator (CUSUM of standardised residuals, upward); alarm level is `slowBurnThreshold`. */
  cusum: number;
  /** For shares: the number of trials (mentions) behind `observed`. */
  total?: number;
  /** True while the baseline has seen fewer windows than `warmupWindows`; score is 0 then. */
  warmingUp: boolean;
}

/** Row shape of the `detections` table (migration 110). */
export interface DetectionRow {
  at: string;
  brand: string;
  metric: string;
  dimension: string;
  window_ms: number;
  observed: number;
  expected: number;
  lower: number;
  upper: number;
  score: number;
  kind: string;
  direction: string;
  p_value: number;
}

/** A Detection as a row for `store.insert('detections', rows)`. */
export function detectionRow(d: Detection, brand: string): DetectionRow {
  return {
    at: chTime(d.at),
    brand,
    metric: d.metric,
    dimension: d.dimension,
    window_ms: d.windowMs,
    observed: d.observed,
    expected: d.expected,
    lower: d.lower,
    upper: d.upper,
    score: d.score,
    kind: d.kind,
    direction: d.direction,
    p_value: d.pValue,
  };
}

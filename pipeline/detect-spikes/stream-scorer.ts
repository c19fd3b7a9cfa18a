import { createSeriesDetector, restoreSeriesDetector, type SeriesDetector } from './series-detector.ts';
import { SortedWindow } from './sorted-window.ts';

/** Options of the univariate scorer behind `earshot detect`; all have defaults. */
export interface StreamScorerOptions {
  /** Rows of history for the level-novelty test; default 1000. */
  historyRows?: number;
  /** Rows of past raw surprises used to calibrate scores; default 2000. */
  calibrationRows?: number;
  /** −log10 of the tail probability that maps to score 1; default 6. */
  fullScoreLog10?: number;
  /** After a score ≥ `eventScore`, the next `refractoryRows` scores are halved: one event, one alarm; default 0.75. */
  eventScore?: number;
  /** Default 100 rows. */
  refractoryRows?: number;
}

/**
 * Calibrates a raw surprise against its own past: the empirical tail below
 * the 90th percentile, an exponential tail fitted between the 90th and 99th
 * beyond it. The output is −log10(p) / fullScoreLog10, clipped to [0, 1], so a
 * series that is always noisy does not alarm all the time.
 */
class Calibrator {
  readonly past: SortedWindow;
  constructor(rows: number, private readonly full: number) {
    this.past = new SortedWindow(rows);
  }
  score(raw: number): number {
    const w = this.past;
    let s = 0;
    if (w.size >= 50) {
      const q90 = w.quantile(0.9);
      const q99 = w.quantile(0.99);
      const mu = Math.max((q99 - q90) / Math.LN10, 0.05 * q90, 1e-6);
      const log10p = raw <= q90 ? Math.log10(Math.max(w.tailFraction(raw), 1e-12)) : -1 - (raw - q90) / mu / Math.LN10;
      s = Math.min(1, -log10p / this.full);
    }
    w.push(raw);
    return s;
  }
}

export interface StreamScorerState {
  v: 1;
  options: StreamScorerOptions;
  history: number[];
  levelPast: number[];
  seasonalPast: number[];
  seasonal: unknown;
  lastAt: number | null;
  stepMs: number | null;
  refractory: number;
}

/**
 * Scores a plain `timestamp,value` stream row by row, causally: the larger of
 * (a) how far the value lies outside its recent distribution and (b) how far it
 * lies from the seasonal (hour-of-day / hour-of-week) baseline, each calibrated
 * against its own history. Memory is bounded by the option sizes.
 */
export class StreamScorer {
  private readonly history: SortedWindow;
  private readonly level: Calibrator;
  private readonly seasonalCal: Calibrator;
  private seasonal: SeriesDetector | null = null;
  private lastAt: number | null = null;
  private stepMs: number | null = null;
  private refractory = 0;
  private readonly eventScore: number;
  private readonly refractoryRows: number;

  constructor(private readonly options: StreamScorerOptions = {}) {
    this.history = new SortedWindow(options.historyRows ?? 1000);
    const full = options.fullScoreLog10 ?? 6;
    this.level = new Calibrator(options.calibrationRows ?? 2000, full);
    this.seasonalCal = new Calibrator(options.calibrationRows ?? 2000, full);
    this.eventScore = options.eventScore ?? 0.75;
    this.refractoryRows = options.refractoryRows ?? 100;
  }

  /** Score in [0, 1] for the row (at ms, value); rows must come in file order. */
  update(at: number, value: number): number {
    let score = 0;
    const h = this.history;
    if (h.size >= 20) {
      const med = h.quantile(0.5);
      const spread = Math.max((h.quantile(0.75) - h.quantile(0.25)) / 1.349, (h.quantile(0.98) - h.quantile(0.02)) / 8, 1e-9 + Math.abs(med) * 1e-4);
      score = Math.max(score, this.level.score(Math.abs(value - med) / spread));
    }
    h.push(value);
    // The seasonal baseline needs increasing times; a repeated or earlier timestamp only feeds the level test.
    if (this.lastAt === null || at > this.lastAt) {
      if (this.lastAt !== null && this.stepMs === null) this.stepMs = Math.max(1000, at - this.lastAt);
      if (this.stepMs !== null) {
        this.seasonal ??= createSeriesDetector({ metric: 'value', windowMs: this.stepMs, warmupWindows: 0, direction: 'both', slowBurnWarmupWindows: Number.MAX_SAFE_INTEGER });
        const d = this.seasonal.update({ at, value });
        const sd = Math.max((d.upper - d.expected) / 3, 1e-9);
        score = Math.max(score, this.seasonalCal.score(Math.abs(d.observed - d.expected) / sd));
      }
      this.lastAt = at;
    }
    if (this.refractory > 0) {
      this.refractory--;
      return score / 2;
    }
    if (score >= this.eventScore) this.refractory = this.refractoryRows;
    return score;
  }

  toJSON(): StreamScorerState {
    return {
      v: 1,
      options: this.options,
      history: this.history.values(),
      levelPast: this.level.past.values(),
      seasonalPast: this.seasonalCal.past.values(),
      seasonal: this.seasonal?.toJSON() ?? null,
      lastAt: this.lastAt,
      stepMs: this.stepMs,
      refractory: this.refractory,
    };
  }

  static fromJSON(state: StreamScorerState): StreamScorer {
    const s = new StreamScorer(state.options);
    for (const v of state.history) s.history.push(v);
    for (const v of state.levelPast) s.level.past.push(v);
    for (const v of state.seasonalPast) s.seasonalCal.past.push(v);
    s.seasonal = state.seasonal ? restoreSeriesDetector(state.seasonal) : null;
    s.lastAt = state.lastAt;
    s.stepMs = state.stepMs;
    s.refractory = state.refractory;
    return s;
  }
}

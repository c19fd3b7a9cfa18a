import { createSeriesDetector, restoreSeriesDetector, type SeriesDetector } from '../series-detector.ts';
import { SortedWindow } from '../sorted-window.ts';
import { Calibrator } from './calibrator.ts';
import { SequenceSurprise, type SequenceSurpriseOptions, type SequenceSurpriseState } from './sequence-surprise.ts';
import { ContextNovelty, type ContextNoveltyOptions, type ContextNoveltyState } from './context-novelty.ts';
import { PeriodResidual, type PeriodResidualOptions, type PeriodResidualState } from './period-residual.ts';
import { WindowDiscord, type WindowDiscordOptions, type WindowDiscordState } from './window-discord.ts';

/** Options of the component detectors; all have defaults. */
export interface ComponentOptions extends ContextNoveltyOptions, SequenceSurpriseOptions, PeriodResidualOptions, WindowDiscordOptions {
  /** Rows of history for the level tests; default 1000. */
  historyRows?: number;
  /** Rows of past raw surprises used to calibrate the tail tests; default 2000. */
  calibrationRows?: number;
  /** −log10 of the tail probability that maps to score 1; default 6. */
  fullScoreLog10?: number;
  /** Pseudo-count of past surprises at least as large as the current one (a bare new record is not news); default 1. */
  calibrationPrior?: number;
  /** Quantisation range of the context tests: 'all' (running min..max since the start) or 'window' (min..max of the last `historyRows`); default 'all'. */
  quantiseRange?: 'all' | 'window';
  /** Coarse sequence model: levels (default 4) and context length (default 6). */
  coarseLevels?: number;
  coarseOrder?: number;
  /** Rows averaged by the mean-shift test; default 6. */
  shiftRows?: number;
  /** Rows averaged by the volatility test (mean absolute step); default 10. */
  volatilityRows?: number;
  /**
   * Cycles of the period test's shortest period (a day) whose residuals are
   * only learned, not scored, once the comparison starts: a calibration that
   * has seen only the night calls the first daily peak a record. Default 2
   * (NAB: 0 → 70.85, 1 → 71.51, 2 → 71.71, 3 → 70.72; every leave-one-category-out fold picks 2).
   */
  periodCalibrationCycles?: number;
  /** Whether the seasonal (hour-of-day / week) residual test runs; default true. */
  seasonal?: boolean;
}

export interface ComponentState {
  history: number[];
  short: number[];
  levelPast: number[];
  shiftPast: number[];
  seasonalPast: number[];
  noveltyPast: number[];
  seasonal: unknown;
  novelty: ContextNoveltyState;
  surprise: SequenceSurpriseState;
  surprisePast: number[];
  coarse?: SequenceSurpriseState;
  coarsePast?: number[];
  jumpPast: number[];
  volPast: number[];
  prev: number | null;
  diffs: number[];
  lastAt: number | null;
  stepMs: number | null;
  period?: PeriodResidualState;
  periodPast?: number[];
  discord?: WindowDiscordState;
  discordPast?: number[];
}

/** Names of the component scores, in the order `Components.update` returns them. */
export const COMPONENT_NAMES = ['novelty', 'level', 'shift', 'seasonal', 'surprise', 'jump', 'volatility', 'coarseSurprise', 'period', 'discord'] as const;

/** The coarse sequence model: fewer levels, longer contexts (the shape of the curve rather than its exact level). */
function coarseOptions(o: ComponentOptions): SequenceSurpriseOptions {
  return { surpriseLevels: o.coarseLevels ?? 4, surpriseOrder: o.coarseOrder ?? 6, surpriseSmoothRows: o.surpriseSmoothRows, surpriseCapacity: o.surpriseCapacity };
}

function robustSpread(h: SortedWindow): { med: number; spread: number } {
  const med = h.quantile(0.5);
  const spread = Math.max((h.quantile(0.75) - h.quantile(0.25)) / 1.349, (h.quantile(0.98) - h.quantile(0.02)) / 8, 1e-9 + Math.abs(med) * 1e-4);
  return { med, spread };
}

/**
 * The ensemble's causal component detectors, each giving a score in [0, 1]
 * per row: context novelty (fraction of unseen quantised contexts), level
 * (robust z of the value against the last `historyRows`), shift (robust z of
 * the mean of the last `shiftRows` values) and seasonal (residual against the
 * hour-of-day / hour-of-week baseline). The tail tests are calibrated against
 * their own past, so the same score means the same rarity in every series.
 */
export class Components {
  private readonly history: SortedWindow;
  private short: number[] = [];
  private readonly levelCal: Calibrator;
  private readonly shiftCal: Calibrator;
  private readonly seasonalCal: Calibrator;
  private readonly noveltyCal: Calibrator;
  private novelty: ContextNovelty;
  private surprise: SequenceSurprise;
  private coarse: SequenceSurprise;
  private readonly coarseCal: Calibrator;
  private readonly surpriseCal: Calibrator;
  private readonly jumpCal: Calibrator;
  private readonly volCal: Calibrator;
  private prev: number | null = null;
  private diffs: number[] = [];
  private seasonal: SeriesDetector | null = null;
  private lastAt: number | null = null;
  private stepMs: number | null = null;
  private readonly shiftRows: number;
  private period: PeriodResidual;
  private readonly periodCal: Calibrator;
  private discord: WindowDiscord;
  private readonly discordCal: Calibrator;

  constructor(private readonly options: ComponentOptions = {}) {
    this.history = new SortedWindow(options.historyRows ?? 1000);
    const full = options.fullScoreLog10 ?? 6;
    const rows = options.calibrationRows ?? 2000;
    const prior = options.calibrationPrior ?? 1;
    this.levelCal = new Calibrator(rows, full, 50, prior);
    this.shiftCal = new Calibrator(rows, full, 50, prior);
    this.seasonalCal = new Calibrator(rows, full, 50, prior);
    this.noveltyCal = new Calibrator(rows, full, 50, prior);
    this.novelty = new ContextNovelty(options);
    this.surprise = new SequenceSurprise(options);
    this.coarse = new SequenceSurprise(coarseOptions(options));
    this.coarseCal = new Calibrator(rows, full, 50, prior);
    this.surpriseCal = new Calibrator(rows, full, 50, prior);
    this.jumpCal = new Calibrator(rows, full, 50, prior);
    this.volCal = new Calibrator(rows, full, 50, prior);
    this.shiftRows = options.shiftRows ?? 6;
    this.period = new PeriodResidual(options);
    this.periodCal = new Calibrator(rows, full, 50, prior);
    this.discord = new WindowDiscord(options);
    this.discordCal = new Calibrator(rows, full, 50, prior);
  }

  update(at: number, value: number): number[] {
    // 'window': quantise over the range of the last `historyRows` values, so one old outlier does not squash every later value into a few levels.
    const windowed = this.options.quantiseRange === 'window' && this.history.size >= 20;
    const lo = windowed ? Math.min(this.history.quantile(0), value) : undefined;
    const hi = windowed ? Math.max(this.history.quantile(1), value) : undefined;
    const surprise = this.surpriseCal.score(this.surprise.update(value, lo, hi));
    const novelty = this.noveltyCal.score(this.novelty.update(value, lo, hi));
    const coarse = this.coarseCal.score(this.coarse.update(value, lo, hi));
    let level = 0;
    let shift = 0;
    let seasonal = 0;
    this.short.push(value);
    if (this.short.length > this.shiftRows) this.short.shift();
    const h = this.history;
    if (h.size >= 20) {
      const { med, spread } = robustSpread(h);
      level = this.levelCal.score(Math.abs(value - med) / spread);
      const mean = this.short.reduce((a, b) => a + b, 0) / this.short.length;
      shift = this.shiftCal.score(Math.abs(mean - med) / spread);
    }
    h.push(value);
    const discordRaw = this.discord.update(value);
    const discord = discordRaw === null ? 0 : this.discordCal.score(discordRaw);
    let period = 0;
    // The seasonal baseline and the period test need increasing times; a repeated or earlier timestamp skips them.
    if (this.lastAt === null || at > this.lastAt) {
      if (this.lastAt !== null && this.stepMs === null) this.stepMs = Math.max(1000, at - this.lastAt);
      if (this.options.seasonal !== false && this.stepMs !== null) {
        this.seasonal ??= createSeriesDetector({ metric: 'value', windowMs: this.stepMs, warmupWindows: 0, direction: 'both', slowBurnWarmupWindows: Number.MAX_SAFE_INTEGER });
        const d = this.seasonal.update({ at, value });
        const sd = Math.max((d.upper - d.expected) / 3, 1e-9);
        seasonal = this.seasonalCal.score(Math.abs(d.observed - d.expected) / sd);
      }
      const p = this.period.update(at, value);
      if (p !== null) {
        // Residuals are learned for whole cycles first: the first rows compared are often one part of the day (the flat night), and the first peak or edge would otherwise be a record.
        const shortest = Math.min(...(this.options.periodsMs ?? [86_400_000]));
        const warm = ((this.options.periodCalibrationCycles ?? 2) * shortest) / (this.stepMs ?? shortest);
        if (this.periodCal.past.size >= warm) period = this.periodCal.score(p);
        else this.periodCal.past.push(p);
      }
      this.lastAt = at;
    }
    // Jump: the step from the previous row; volatility: the mean step over the last `volatilityRows`.
    let jump = 0;
    let volatility = 0;
    if (this.prev !== null) {
      const d = Math.abs(value - this.prev);
      this.diffs.push(d);
      if (this.diffs.length > (this.options.volatilityRows ?? 10)) this.diffs.shift();
      jump = this.jumpCal.score(d);
      volatility = this.volCal.score(this.diffs.reduce((a, b) => a + b, 0) / this.diffs.length);
    }
    this.prev = value;
    return [novelty, level, shift, seasonal, surprise, jump, volatility, coarse, period, discord];
  }

  toJSON(): ComponentState {
    return {
      history: this.history.values(),
      short: [...this.short],
      levelPast: this.levelCal.past.values(),
      shiftPast: this.shiftCal.past.values(),
      seasonalPast: this.seasonalCal.past.values(),
      noveltyPast: this.noveltyCal.past.values(),
      seasonal: this.seasonal?.toJSON() ?? null,
      novelty: this.novelty.toJSON(),
      surprise: this.surprise.toJSON(),
      surprisePast: this.surpriseCal.past.values(),
      coarse: this.coarse.toJSON(),
      coarsePast: this.coarseCal.past.values(),
      jumpPast: this.jumpCal.past.values(),
      volPast: this.volCal.past.values(),
      prev: this.prev,
      diffs: [...this.diffs],
      lastAt: this.lastAt,
      stepMs: this.stepMs,
      period: this.period.toJSON(),
      periodPast: this.periodCal.past.values(),
      discord: this.discord.toJSON(),
      discordPast: this.discordCal.past.values(),
    };
  }

  static fromJSON(options: ComponentOptions, s: ComponentState): Components {
    const c = new Components(options);
    for (const v of s.history) c.history.push(v);
    c.short = [...s.short];
    for (const v of s.levelPast) c.levelCal.past.push(v);
    for (const v of s.shiftPast) c.shiftCal.past.push(v);
    for (const v of s.seasonalPast) c.seasonalCal.past.push(v);
    for (const v of s.noveltyPast) c.noveltyCal.past.push(v);
    c.seasonal = s.seasonal ? restoreSeriesDetector(s.seasonal) : null;
    c.novelty = ContextNovelty.fromJSON(options, s.novelty);
    c.surprise = SequenceSurprise.fromJSON(options, s.surprise);
    for (const v of s.surprisePast) c.surpriseCal.past.push(v);
    if (s.coarse) c.coarse = SequenceSurprise.fromJSON(coarseOptions(options), s.coarse);
    for (const v of s.coarsePast ?? []) c.coarseCal.past.push(v);
    for (const v of s.jumpPast) c.jumpCal.past.push(v);
    for (const v of s.volPast) c.volCal.past.push(v);
    c.prev = s.prev;
    c.diffs = [...s.diffs];
    c.lastAt = s.lastAt;
    c.stepMs = s.stepMs;
    if (s.period) c.period = PeriodResidual.fromJSON(options, s.period);
    for (const v of s.periodPast ?? []) c.periodCal.past.push(v);
    if (s.discord) c.discord = WindowDiscord.fromJSON(options, s.discord);
    for (const v of s.discordPast ?? []) c.discordCal.past.push(v);
    return c;
  }
}

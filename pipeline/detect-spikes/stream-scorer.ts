import { Combiner, type CombineOptions, type CombineState } from './ensemble/combine.ts';
import { Components, type ComponentOptions, type ComponentState } from './ensemble/components.ts';

/** Options of the univariate scorer behind `earshot detect`; all have defaults (see ensemble/components.ts and ensemble/combine.ts). */
export interface StreamScorerOptions extends ComponentOptions, CombineOptions {}

/** Defaults chosen on NAB with leave-one-category-out validation (see README.md). */
export const STREAM_SCORER_DEFAULTS: StreamScorerOptions = {
  calibrationRows: 5000,
  surpriseLevels: 8,
  surpriseOrder: 3,
  surpriseSmoothRows: 10,
  coarseLevels: 5,
  coarseOrder: 8,
  weights: [1, 1, 0, 0, 1, 0, 1, 1, 1, 1],
  // Context (novelty, surprise, coarse surprise), magnitude (level, shift, seasonal, period), change (jump, volatility), shape (discord).
  families: [0, 1, 1, 1, 0, 2, 2, 0, 1, 3],
  mode: 'top2',
  // A lone test must reach ~0.9 (p ≈ 10⁻⁵·⁴) to alarm; backed by another family at ≥ 0.3, ~0.45 is enough (see README.md).
  secondWeight: 0.45,
  loneFactor: 0.65,
  alarmScore: 0.4,
  restFraction: 0.03,
  restMinRows: 20,
  restMaxRows: 800,
  warmupRows: 50,
};

export interface StreamScorerState {
  v: 2;
  options: StreamScorerOptions;
  components: ComponentState;
  combine: CombineState;
}

/**
 * Scores a plain `timestamp,value` stream row by row, causally: an ensemble
 * of context novelty, sequence models and calibrated tail tests (level, period
 * residual, volatility, window discord), combined as the largest weighted
 * score backed by a test of another family, with a warm-up and a rest period
 * after each alarm (one event, one alarm). Memory is bounded by the option
 * sizes.
 */
export class StreamScorer {
  private components: Components;
  private readonly combiner: Combiner;
  private readonly options: StreamScorerOptions;

  constructor(options: StreamScorerOptions = {}) {
    this.options = { ...STREAM_SCORER_DEFAULTS, ...options };
    this.components = new Components(this.options);
    this.combiner = new Combiner(this.options);
  }

  /** Score in [0, 1] for the row (at ms, value); rows must come in file order. */
  update(at: number, value: number): number {
    return this.combiner.update(this.components.update(at, value));
  }

  toJSON(): StreamScorerState {
    return { v: 2, options: this.options, components: this.components.toJSON(), combine: this.combiner.toJSON() };
  }

  static fromJSON(state: StreamScorerState): StreamScorer {
    const s = new StreamScorer(state.options);
    s.components = Components.fromJSON(state.options, state.components);
    s.combiner.rows = state.combine.rows;
    s.combiner.rest = state.combine.rest;
    s.combiner.escalate = state.combine.escalate ?? 0;
    s.combiner.lastAlarm = state.combine.lastAlarm ?? 0;
    return s;
  }
}

/** How component scores become one alarm score; all fields have defaults. */
export interface CombineOptions {
  /** Weight per component (novelty, level, shift, seasonal, surprise); the score is the largest weighted component. Default [1, 1, 1, 1]. */
  weights?: number[];
  /** 'max': the largest weighted component; 'sum': the weighted sum (agreeing tests add up, like Fisher's method on −log p); 'top2': (largest + w · second) / (1 + w), a second test's agreement lifts the score; default 'max'. */
  mode?: 'max' | 'sum' | 'top2';
  /** 'top2': weight of the second largest component, s = (largest + w · second) / (1 + w); default 0.5. */
  secondWeight?: number;
  /**
   * 'top2': a lone test is damped: the score is multiplied by
   * loneFactor + (1 − loneFactor) · min(1, second / agreeScore), so a mid-range
   * alarm needs a second test at ≥ `agreeScore` to keep its full weight (most
   * false positives on NAB are one test alone); default 0.3.
   */
  agreeScore?: number;
  /** 'top2': multiplier of the score when no second test agrees at all; 1 turns the damping off; default 0.75. */
  loneFactor?: number;
  /**
   * 'top2': a family id per component; the second opinion is the largest
   * component of another family than the largest one (two views of the same
   * evidence, e.g. two sequence models or level and period residual, agreeing
   * is not a second opinion). Default: every component its own family.
   */
  families?: number[];
  /** Rows that always score 0 while the components learn; default 150. */
  warmupRows?: number;
  /** A score ≥ this raises an alarm and starts a rest period; default 0.8. */
  alarmScore?: number;
  /** Rest after an alarm, as a fraction of the rows seen so far (one event, one alarm); default 0.04. */
  restFraction?: number;
  /** Rest bounds in rows; defaults 50 and 400. */
  restMinRows?: number;
  restMaxRows?: number;
  /** After the rest, for this fraction of the rows seen, only a score above the last alarm's speaks (a recurring event of the same size is not news); default 0 (off). */
  escalateFraction?: number;
  /** Scores inside a rest period are multiplied by this; default 0 (silent). */
  restFactor?: number;
}

export interface CombineState {
  rows: number;
  rest: number;
  escalate?: number;
  lastAlarm?: number;
}

/**
 * One score per row from the component scores: the largest weighted
 * component, silent during warm-up, and after an alarm quiet for a rest
 * period that grows with the rows seen (a long series has long events), so a
 * single event raises a single alarm.
 */
export class Combiner {
  rows = 0;
  rest = 0;
  escalate = 0;
  lastAlarm = 0;
  private readonly weights: number[];
  private readonly families: number[] | undefined;
  private readonly o: Required<Omit<CombineOptions, 'weights' | 'families'>>;

  constructor(options: CombineOptions = {}) {
    this.weights = options.weights ?? [1, 1, 1, 1, 1];
    this.families = options.families;
    this.o = {
      mode: options.mode ?? 'max',
      secondWeight: options.secondWeight ?? 0.5,
      agreeScore: options.agreeScore ?? 0.3,
      loneFactor: options.loneFactor ?? 0.75,
      warmupRows: options.warmupRows ?? 150,
      alarmScore: options.alarmScore ?? 0.8,
      restFraction: options.restFraction ?? 0.04,
      restMinRows: options.restMinRows ?? 50,
      restMaxRows: options.restMaxRows ?? 400,
      restFactor: options.restFactor ?? 0,
      escalateFraction: options.escalateFraction ?? 0,
    };
  }

  update(components: readonly number[]): number {
    this.rows++;
    let s = 0;
    if (this.o.mode === 'top2') {
      let a = 0;
      let top = -1;
      for (let i = 0; i < components.length; i++) {
        const x = (this.weights[i] ?? 1) * components[i]!;
        if (x > a) [a, top] = [x, i];
      }
      const family = (i: number) => this.families?.[i] ?? i;
      let b = 0;
      for (let i = 0; i < components.length; i++) {
        if (i === top || (top >= 0 && family(i) === family(top))) continue;
        b = Math.max(b, (this.weights[i] ?? 1) * components[i]!);
      }
      s = (a + this.o.secondWeight * b) / (1 + this.o.secondWeight);
      s *= this.o.loneFactor + (1 - this.o.loneFactor) * Math.min(1, b / this.o.agreeScore);
    } else if (this.o.mode === 'sum') for (let i = 0; i < components.length; i++) s += (this.weights[i] ?? 1) * components[i]!;
    else for (let i = 0; i < components.length; i++) s = Math.max(s, (this.weights[i] ?? 1) * components[i]!);
    s = Math.min(1, Math.max(0, s));
    if (this.rows <= this.o.warmupRows) return 0;
    if (this.rest > 0) {
      this.rest--;
      return s * this.o.restFactor;
    }
    if (this.escalate > 0) {
      this.escalate--;
      if (s <= this.lastAlarm) return s * this.o.restFactor;
    }
    if (s >= this.o.alarmScore) {
      this.rest = Math.round(Math.min(this.o.restMaxRows, Math.max(this.o.restMinRows, this.o.restFraction * this.rows)));
      this.escalate = Math.round(this.o.escalateFraction * this.rows);
      this.lastAlarm = s;
    }
    return s;
  }

  toJSON(): CombineState {
    return { rows: this.rows, rest: this.rest, escalate: this.escalate, lastAlarm: this.lastAlarm };
  }
}

/** Options of the period-residual test; all have defaults. */
export interface PeriodResidualOptions {
  /** Periods compared, in ms (a day and a week); default [86_400_000, 604_800_000]. */
  periodsMs?: number[];
  /** Past periods whose median is the reference; default 3. */
  periodCycles?: number;
  /** Rows averaged on both sides (one noisy row is not a broken rhythm); default 3. */
  periodSmoothRows?: number;
  /** Rows of history kept (bounded memory; a period whose cycles need more is never compared); default 10,000. */
  periodMaxRows?: number;
}

export interface PeriodResidualState {
  times: number[];
  means: number[];
  recent: number[];
  stepMs: number | null;
}

/**
 * How far the recent level is from the same time of day (or week) in the last
 * `periodCycles` periods: |mean of the last rows − median of the means at
 * t − P, t − 2P, …|, the smaller over the periods (a Saturday that looks like
 * last Saturday is normal even if it differs from Friday). A seasonal naive
 * forecast: it learns a rhythm in a few cycles with no fitted profile, and a
 * missing daily peak, a flat day or a holiday stands out. Times are matched
 * within half a row step, so gaps in the series do not shift the comparison.
 */
export class PeriodResidual {
  private times: number[] = [];
  private means: number[] = [];
  private recent: number[] = [];
  private stepMs: number | null = null;
  private readonly periods: number[];
  private readonly cycles: number;
  private readonly smooth: number;
  private readonly maxRows: number;

  constructor(options: PeriodResidualOptions = {}) {
    this.periods = options.periodsMs ?? [86_400_000, 604_800_000];
    this.cycles = options.periodCycles ?? 3;
    this.smooth = options.periodSmoothRows ?? 3;
    this.maxRows = options.periodMaxRows ?? 10_000;
  }

  /** Raw residual (in the value's units) for the row at `at`; null until some period has `periodCycles` cycles of history. Rows must come with increasing `at`. */
  update(at: number, value: number): number | null {
    const last = this.times[this.times.length - 1];
    if (last !== undefined && this.stepMs === null) this.stepMs = at - last;
    this.recent.push(value);
    if (this.recent.length > this.smooth) this.recent.shift();
    const mean = this.recent.reduce((a, b) => a + b, 0) / this.recent.length;
    let best: number | null = null;
    if (this.stepMs !== null && this.stepMs > 0) {
      for (const period of this.periods) {
        // A period shorter than the smoothing span compares a row with itself.
        if (period < 2 * this.smooth * this.stepMs) continue;
        const refs: number[] = [];
        for (let k = 1; k <= this.cycles; k++) {
          const j = this.find(at - k * period, this.stepMs / 2);
          if (j < 0) break;
          refs.push(this.means[j]!);
        }
        if (refs.length < this.cycles) continue;
        refs.sort((a, b) => a - b);
        const mid = refs.length >> 1;
        const ref = refs.length % 2 ? refs[mid]! : (refs[mid - 1]! + refs[mid]!) / 2;
        const r = Math.abs(mean - ref);
        if (best === null || r < best) best = r;
      }
    }
    this.times.push(at);
    this.means.push(mean);
    if (this.times.length > this.maxRows) {
      this.times.shift();
      this.means.shift();
    }
    return best;
  }

  /** Index of the kept row within `tol` ms of `t` (times are increasing), or −1. */
  private find(t: number, tol: number): number {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    let best = -1;
    for (const j of [lo - 1, lo]) {
      const x = this.times[j];
      if (x !== undefined && Math.abs(x - t) <= tol && (best < 0 || Math.abs(x - t) < Math.abs(this.times[best]! - t))) best = j;
    }
    return best;
  }

  toJSON(): PeriodResidualState {
    return { times: [...this.times], means: [...this.means], recent: [...this.recent], stepMs: this.stepMs };
  }

  static fromJSON(options: PeriodResidualOptions, s: PeriodResidualState): PeriodResidual {
    const c = new PeriodResidual(options);
    c.times = [...s.times];
    c.means = [...s.means];
    c.recent = [...s.recent];
    c.stepMs = s.stepMs;
    return c;
  }
}

import { SortedWindow } from '../sorted-window.ts';

/**
 * Turns a raw surprise into a score comparable across series: the tail
 * probability of `raw` among this detector's own past raw values (empirical
 * below the 90th percentile, an exponential tail fitted between the 90th and
 * 99th beyond it), reported as −log10(p) / `full`, clipped to [0, 1]. A series
 * that is always noisy thus does not alarm all the time.
 */
export class Calibrator {
  readonly past: SortedWindow;
  constructor(
    rows: number,
    private readonly full: number,
    private readonly minPast = 50,
    /** Pseudo-count of past values at least as extreme: a new record by a hair is not yet a 1-in-n event. */
    private readonly prior = 1,
  ) {
    this.past = new SortedWindow(rows);
  }

  /**
   * Score of `raw` against the past, then `raw` joins the past. Within the
   * observed range p = (past ≥ raw + 1) / (n + 1), so a surprise that recurs
   * often stops being one; beyond the past maximum an exponential tail (scale
   * from the 90th–99th percentile spacing) extends it.
   */
  score(raw: number): number {
    const w = this.past;
    let s = 0;
    const n = w.size;
    if (n >= this.minPast) {
      const top = w.quantile(1);
      let log10p: number;
      if (raw <= top) log10p = Math.log10((w.tailFraction(raw) * n + this.prior) / (n + this.prior));
      else {
        const mu = Math.max((w.quantile(0.99) - w.quantile(0.9)) / Math.LN10, 0.05 * Math.abs(top), 1e-6);
        log10p = Math.log10(this.prior / (n + this.prior)) - (raw - top) / mu / Math.LN10;
      }
      s = Math.min(1, -log10p / this.full);
    }
    w.push(raw);
    return s;
  }
}

/** Options of the context-novelty test; all have defaults. */
export interface ContextNoveltyOptions {
  /** Quantisation levels over the running min..max range; default 8. */
  levels?: number;
  /** Longest context (run of quantised values) checked for novelty; default 6. */
  maxOrder?: number;
  /** Distinct contexts remembered; the oldest are forgotten beyond it (bounded memory); default 50,000. */
  capacity?: number;
}

export interface ContextNoveltyState {
  min: number;
  max: number;
  recent: number[];
  seen: Array<[string, number]>;
}

/**
 * Contextual novelty in the spirit of NAB's contextOSE: values are quantised
 * relative to the running min..max, and the score is the weighted share of the
 * contexts ending at this row (the last 1, 2, … `maxOrder` quantised values)
 * that never occurred before. A value at a familiar level in a familiar
 * pattern scores 0; a new level or a new shape of the curve scores up to 1.
 * Fractions are comparable across series without calibration.
 */
export class ContextNovelty {
  private min = Infinity;
  private max = -Infinity;
  private recent: number[] = [];
  private readonly seen = new Map<string, number>();
  private readonly levels: number;
  private readonly maxOrder: number;
  private readonly capacity: number;

  constructor(options: ContextNoveltyOptions = {}) {
    this.levels = options.levels ?? 8;
    this.maxOrder = options.maxOrder ?? 6;
    this.capacity = options.capacity ?? 50_000;
  }

  /** `lo`/`hi`, when given, replace the running min..max as the quantisation range (values outside clamp to the edge levels). */
  update(value: number, lo?: number, hi?: number): number {
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    const min = lo ?? this.min;
    const range = (hi ?? this.max) - min;
    const q = range > 0 ? Math.min(this.levels - 1, Math.max(0, Math.floor(((value - min) / range) * this.levels))) : 0;
    this.recent.push(q);
    if (this.recent.length > this.maxOrder) this.recent.shift();
    let novel = 0;
    let total = 0;
    let key = '';
    for (let k = 1; k <= this.recent.length; k++) {
      key = `${this.recent[this.recent.length - k]!}${k === 1 ? '' : ','}${key}`;
      total++;
      const n = this.seen.get(key);
      if (n === undefined) {
        novel++;
        this.seen.set(key, 1);
        if (this.seen.size > this.capacity) this.seen.delete(this.seen.keys().next().value!);
      } else this.seen.set(key, n + 1);
    }
    return total === 0 ? 0 : novel / total;
  }

  toJSON(): ContextNoveltyState {
    return { min: this.min, max: this.max, recent: [...this.recent], seen: [...this.seen] };
  }

  static fromJSON(options: ContextNoveltyOptions, s: ContextNoveltyState): ContextNovelty {
    const c = new ContextNovelty(options);
    c.min = s.min ?? Infinity;
    c.max = s.max ?? -Infinity;
    c.recent = [...s.recent];
    for (const [k, v] of s.seen) c.seen.set(k, v);
    return c;
  }
}

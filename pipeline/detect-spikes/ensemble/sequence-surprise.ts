/** Options of the sequence-surprise test; all have defaults. */
export interface SequenceSurpriseOptions {
  /** Quantisation levels over the running min..max range; default 12. */
  surpriseLevels?: number;
  /** Longest context (previous quantised values) the predictor conditions on; default 4. */
  surpriseOrder?: number;
  /** Rows averaged before calibration (a surprise that persists counts more than one blip); default 6. */
  surpriseSmoothRows?: number;
  /** Contexts remembered; the oldest are forgotten beyond it; default 50,000. */
  surpriseCapacity?: number;
}

export interface SequenceSurpriseState {
  min: number;
  max: number;
  recent: number[];
  raw: number[];
  counts: Array<[string, number[]]>;
}

/**
 * How badly a variable-order Markov model of the quantised series predicted
 * this row: for each context length 1..order, −log P(value | previous values)
 * with add-½ smoothing (an unseen context counts as no knowledge), averaged and
 * normalised by log(levels), then averaged over the last rows. Like an HTM's
 * prediction error: a familiar shape at the wrong time, a new level or a
 * broken rhythm surprises; noise the model knows does not.
 */
export class SequenceSurprise {
  private min = Infinity;
  private max = -Infinity;
  private recent: number[] = [];
  private raw: number[] = [];
  private readonly counts = new Map<string, number[]>();
  private readonly levels: number;
  private readonly order: number;
  private readonly smooth: number;
  private readonly capacity: number;

  constructor(options: SequenceSurpriseOptions = {}) {
    this.levels = options.surpriseLevels ?? 12;
    this.order = options.surpriseOrder ?? 4;
    this.smooth = options.surpriseSmoothRows ?? 6;
    this.capacity = options.surpriseCapacity ?? 50_000;
  }

  /** `lo`/`hi`, when given, replace the running min..max as the quantisation range (values outside clamp to the edge levels). */
  update(value: number, lo?: number, hi?: number): number {
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    const min = lo ?? this.min;
    const range = (hi ?? this.max) - min;
    const L = this.levels;
    const q = range > 0 ? Math.min(L - 1, Math.max(0, Math.floor(((value - min) / range) * L))) : 0;
    let sum = 0;
    let key = '';
    for (let k = 1; k <= this.order; k++) {
      const prev = this.recent[this.recent.length - k];
      if (prev === undefined) {
        sum += 1;
        continue;
      }
      key = `${prev},${key}`;
      let c = this.counts.get(key);
      const p = c ? (c[q]! + 0.5) / (c[L]! + 0.5 * L) : 1 / L;
      sum += -Math.log(p) / Math.log(L);
      if (!c) {
        c = new Array<number>(L + 1).fill(0);
        this.counts.set(key, c);
        if (this.counts.size > this.capacity) this.counts.delete(this.counts.keys().next().value!);
      }
      c[q]!++;
      c[L]!++;
    }
    this.recent.push(q);
    if (this.recent.length > this.order) this.recent.shift();
    this.raw.push(sum / this.order);
    if (this.raw.length > this.smooth) this.raw.shift();
    return this.raw.reduce((a, b) => a + b, 0) / this.raw.length;
  }

  toJSON(): SequenceSurpriseState {
    return { min: this.min, max: this.max, recent: [...this.recent], raw: [...this.raw], counts: [...this.counts] };
  }

  static fromJSON(options: SequenceSurpriseOptions, s: SequenceSurpriseState): SequenceSurprise {
    const c = new SequenceSurprise(options);
    c.min = s.min ?? Infinity;
    c.max = s.max ?? -Infinity;
    c.recent = [...s.recent];
    c.raw = [...s.raw];
    for (const [k, v] of s.counts) c.counts.set(k, [...v]);
    return c;
  }
}

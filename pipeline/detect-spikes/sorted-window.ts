/**
 * The last `capacity` values kept both in arrival order (ring) and sorted, so
 * quantiles and ranks of a sliding window cost O(capacity) per update with no
 * allocation: the detectors' memory stays constant however long the stream.
 */
export class SortedWindow {
  private readonly ring: Float64Array;
  private readonly sorted: Float64Array;
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.ring = new Float64Array(capacity);
    this.sorted = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** First index in the sorted part whose value is ≥ x. */
  private lowerBound(x: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First index whose value is > x. */
  private upperBound(x: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  push(x: number): void {
    if (this.count === this.capacity) {
      const old = this.ring[this.head]!;
      const at = this.lowerBound(old);
      this.sorted.copyWithin(at, at + 1, this.count);
      this.count--;
    }
    this.ring[this.head] = x;
    this.head = (this.head + 1) % this.capacity;
    const at = this.upperBound(x);
    this.sorted.copyWithin(at + 1, at, this.count);
    this.sorted[at] = x;
    this.count++;
  }

  /** Linear-interpolated quantile, q in [0, 1]; NaN when empty. */
  quantile(q: number): number {
    if (this.count === 0) return NaN;
    const pos = q * (this.count - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(lo + 1, this.count - 1);
    return this.sorted[lo]! + (this.sorted[hi]! - this.sorted[lo]!) * (pos - lo);
  }

  /** Fraction of kept values ≥ x. */
  tailFraction(x: number): number {
    if (this.count === 0) return 1;
    return (this.count - this.lowerBound(x)) / this.count;
  }

  /** Values oldest first (for serialisation). */
  values(): number[] {
    const out: number[] = [];
    const start = this.count === this.capacity ? this.head : 0;
    for (let i = 0; i < this.count; i++) out.push(this.ring[(start + i) % this.capacity]!);
    return out;
  }

  static from(capacity: number, values: readonly number[]): SortedWindow {
    const w = new SortedWindow(capacity);
    for (const v of values.slice(-capacity)) w.push(v);
    return w;
  }
}

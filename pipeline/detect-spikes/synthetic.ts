/**
 * Deterministic synthetic mention-count streams for tests and examples:
 * daily and weekly rhythm, over-dispersed Poisson noise, organic bumps.
 */

/** mulberry32: a tiny seeded PRNG, so every test run sees the same stream. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(r: () => number): number {
  const u = Math.max(r(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}

/** Poisson sample (Knuth for small means, normal approximation above 50). */
export function poisson(mean: number, r: () => number): number {
  if (mean <= 0) return 0;
  if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(r)));
  const l = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= r();
  } while (p > l);
  return k - 1;
}

/** Relative activity by local hour: quiet nights, a lunchtime and an evening peak. */
export function dailyShape(hour: number): number {
  const night = 0.15;
  const day = Math.exp(-((hour - 13) ** 2) / 18) + 0.7 * Math.exp(-((hour - 20) ** 2) / 6);
  return night + day;
}

export interface StreamOptions {
  /** First window start (ms); default Monday 2026-03-02 00:00 UTC. */
  start?: number;
  windowMs?: number;
  /** Number of windows; default two weeks. */
  windows?: number;
  /** Mean mentions per window at the daily peak; default 40. */
  peak?: number;
  /** Weekend factor; default 0.6. */
  weekend?: number;
  /** Multiplicative day-to-day jitter of the rate (burstiness), default 0.1. */
  jitter?: number;
  /** Organic bumps: [windowIndex, lengthInWindows, factor]. */
  bumps?: Array<[number, number, number]>;
  seed?: number;
}

export const MONDAY = Date.UTC(2026, 2, 2);

/** Expected rate and a sampled count for every window. */
export function mentionStream(o: StreamOptions = {}): Array<{ at: number; rate: number; value: number }> {
  const start = o.start ?? MONDAY;
  const windowMs = o.windowMs ?? 300_000;
  const n = o.windows ?? (14 * 86_400_000) / windowMs;
  const peak = o.peak ?? 40;
  const r = rng(o.seed ?? 1);
  const out: Array<{ at: number; rate: number; value: number }> = [];
  let wobble = 1;
  for (let i = 0; i < n; i++) {
    const at = start + i * windowMs;
    const d = new Date(at);
    const hour = d.getUTCHours() + d.getUTCMinutes() / 60;
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6 ? (o.weekend ?? 0.6) : 1;
    // A slowly wandering multiplier: real traffic is burstier than Poisson.
    wobble = Math.exp(0.97 * Math.log(wobble) + (o.jitter ?? 0.1) * 0.25 * gaussian(r));
    let rate = (peak * dailyShape(hour) * weekend * wobble) / dailyShape(13);
    for (const [b, len, f] of o.bumps ?? []) if (i >= b && i < b + len) rate *= f;
    out.push({ at, rate, value: poisson(rate, r) });
  }
  return out;
}

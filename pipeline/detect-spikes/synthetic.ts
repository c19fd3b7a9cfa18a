import { gaussian, poisson, rng } from '../../core/random.ts';
/**
 * Deterministic synthetic mention-count streams for tests and examples:
 * daily and weekly rhythm, over-dispersed Poisson noise, organic bumps.
 */

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

import { alphaFromHalfLife } from './stats.ts';

const HOUR = 3_600_000;

/** How the baseline learns; every field has a default. */
export interface BaselineOptions {
  /** Length of one window in ms; default 300 000 (5 minutes). */
  windowMs?: number;
  /** Half-life of the de-seasonalised level; default 1 day. Longer = slow burns stay visible longer. */
  levelHalfLifeMs?: number;
  /** Half-life of an hour-of-day factor in days; default 4. Long enough that one odd hour barely moves it. */
  dailyHalfLifeDays?: number;
  /** Half-life of an hour-of-week factor in weeks; default 3. */
  weeklyHalfLifeWeeks?: number;
  /** Observations of an hour-of-week slot after which it fully replaces the hour-of-day factor; default 24. */
  weeklyTrustObs?: number;
  /** Offset of local time from UTC in minutes, so "3 a.m." and weekdays mean the brand's own; default 0. */
  utcOffsetMinutes?: number;
  /** `multiplicative` for counts and shares (rhythm scales the level), `additive` for signed values; default multiplicative. */
  mode?: 'multiplicative' | 'additive';
}

export interface BaselineState {
  level: number | null;
  n: number;
  hod: number[];
  hodN: number[];
  how: number[];
  howN: number[];
}

/**
 * A Holt-Winters-like causal baseline: a level times (or plus) a seasonal
 * factor, the factor blended from an hour-of-day profile (learned within a
 * day) and an hour-of-week profile (trusted once each slot has been seen a few
 * times). Callers pass clipped values during anomalies so spikes do not teach
 * the baseline (see SeriesDetector).
 */
export class SeasonalBaseline {
  readonly windowMs: number;
  private readonly aLevel: number;
  private readonly aDaily: number;
  private readonly aWeekly: number;
  private readonly weeklyTrust: number;
  private readonly offsetMs: number;
  readonly mode: 'multiplicative' | 'additive';
  private s: BaselineState;

  constructor(options: BaselineOptions = {}, state?: BaselineState) {
    this.windowMs = options.windowMs ?? 300_000;
    this.aLevel = alphaFromHalfLife((options.levelHalfLifeMs ?? 24 * HOUR) / this.windowMs);
    // Each slot sees HOUR / windowMs observations per visit; half-lives are counted in those.
    const perHour = Math.max(1, HOUR / this.windowMs);
    this.aDaily = alphaFromHalfLife((options.dailyHalfLifeDays ?? 4) * perHour);
    this.aWeekly = alphaFromHalfLife((options.weeklyHalfLifeWeeks ?? 3) * perHour);
    this.weeklyTrust = options.weeklyTrustObs ?? 24;
    this.offsetMs = (options.utcOffsetMinutes ?? 0) * 60_000;
    this.mode = options.mode ?? 'multiplicative';
    const neutral = this.mode === 'multiplicative' ? 1 : 0;
    this.s = state
      ? structuredClone(state)
      : { level: null, n: 0, hod: Array(24).fill(neutral), hodN: Array(24).fill(0), how: Array(168).fill(neutral), howN: Array(168).fill(0) };
  }

  private slots(at: number): { h: number; w: number } {
    const local = at + this.offsetMs;
    const hourIndex = Math.floor(local / HOUR);
    const h = ((hourIndex % 24) + 24) % 24;
    // 1970-01-01 was a Thursday; slot 0 = Monday 00:00.
    const day = ((Math.floor(hourIndex / 24) + 3) % 7 + 7) % 7;
    return { h, w: day * 24 + h };
  }

  /** The seasonal factor for the window starting at `at`. */
  factor(at: number): number {
    const { h, w } = this.slots(at);
    const trust = Math.min(1, this.s.howN[w]! / this.weeklyTrust);
    return trust * this.s.how[w]! + (1 - trust) * this.hourFactor(h);
  }

  /** An hour never seen yet borrows the nearest earlier hour's factor: traffic at 12:00 looks like 11:00, not like the daily mean. */
  private hourFactor(h: number): number {
    for (let i = 0; i < 24; i++) {
      const j = (h - i + 24) % 24;
      if (this.s.hodN[j]! > 0) return this.s.hod[j]!;
    }
    return this.s.hod[h]!;
  }

  /** Expected value for the window at `at`, or null before the first observation. */
  expected(at: number): number | null {
    if (this.s.level === null) return null;
    const f = this.factor(at);
    return this.mode === 'multiplicative' ? Math.max(0, this.s.level * f) : this.s.level + f;
  }

  get observations(): number {
    return this.s.n;
  }

  /** Learns from one window's (already clipped) value. */
  update(at: number, value: number): void {
    const { h, w } = this.slots(at);
    const s = this.s;
    s.n++;
    if (s.level === null) {
      s.level = value;
      return;
    }
    const mult = this.mode === 'multiplicative';
    const f = this.factor(at);
    const deseason = mult ? (f > 1e-6 ? value / f : s.level) : value - f;
    s.level += this.aLevel * (deseason - s.level);
    if (mult && s.level <= 1e-9) return;
    const ratio = mult ? value / s.level : value - s.level;
    // Faster learning for a slot's first observations (1/n), then the steady EWMA weight.
    if (s.hodN[h] === 0) s.hod[h] = this.hourFactor(h);
    const aH = Math.max(this.aDaily, 1 / (s.hodN[h]! + 1));
    s.hod[h] = s.hod[h]! + aH * (ratio - s.hod[h]!);
    s.hodN[h] = s.hodN[h]! + 1;
    if (s.howN[w] === 0) s.how[w] = s.hod[h]!;
    const aW = Math.max(this.aWeekly, 1 / (s.howN[w]! + 1));
    s.how[w] = s.how[w]! + aW * (ratio - s.how[w]!);
    s.howN[w] = s.howN[w]! + 1;
  }

  toJSON(): BaselineState {
    return structuredClone(this.s);
  }
}

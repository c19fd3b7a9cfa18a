import type { Mention } from '../core/mention.ts';
import { sampleMentions, topAuthors, topSources, type EvidenceMention } from '../pipeline/detect-spikes/explain/evidence.ts';
import { topTerms } from '../pipeline/detect-spikes/explain/top-terms.ts';
import { alphaFromHalfLife, binomialUpper, poissonUpper, scoreFromP } from '../pipeline/detect-spikes/stats.ts';
import type { CrisisBurstTrigger } from './config.ts';
import type { Explanation } from './service.ts';
import type { Candidate } from './triggers.ts';

const MINUTE = 60_000;
const MAX_ITEMS_PER_MINUTE = 100;
/** Learned crisis-risk rate per mention: a weak prior (0.5 in 50) that two quiet weeks wash out. */
const PRIOR_CRISIS = 0.5;
const PRIOR_MENTIONS = 50;

interface MinuteSlot {
  count: number;
  negative: number;
  crisis: number;
  items: EvidenceMention[];
  crisisItems: EvidenceMention[];
}

/** What the 5-minute detectors expect now, handed over when a short window closes. */
export interface BurstExpectation {
  /** Expected mentions per 5-minute window (seasonal baseline). */
  volumePerWindow: number;
  windowMs: number;
  /** Expected negative share. */
  share: number;
  /** Mentions and crisis-risk mentions of the window just closed (learns the crisis-risk rate). */
  count: number;
  crisis: number;
}

/** What a BurstWatch has learned and holds, as JSON (the monitor's snapshot carries it across restarts). */
export interface BurstSnapshot {
  v: 1;
  minutes: Array<[number, MinuteSlot]>;
  exp: BurstExpectation | null;
  windows: number;
  crisisSum: number;
  countSum: number;
  lastAt: number;
}

/**
 * The small-sample path to a crisis for quiet brands and night hours: at 2 a.m. a
 * brand with 1–2 mentions per 5 minutes never reaches the 5-minute detectors'
 * low-volume guards within 10 minutes, although a burst of crisis-risk mentions is
 * already beyond chance. On every tick it tests the trailing `window` with exact
 * tails: the crisis-risk share of the mentions seen against its learned rate
 * (binomial), and negative mentions against the expected count (Poisson). A busy
 * night with ordinary mood (10 → 30 mentions at 3 a.m.) has no crisis-risk burst
 * and stays quiet; the share of negatives is not required, because early in a
 * crisis the new volume is not yet mostly negative.
 */
export class BurstWatch {
  private readonly minutes = new Map<number, MinuteSlot>();
  private exp: BurstExpectation | null = null;
  private windows = 0;
  private crisisSum = 0;
  private countSum = 0;
  private lastAt = 0;

  constructor(private readonly brand: string, private readonly cfg: CrisisBurstTrigger) {}

  toJSON(): BurstSnapshot {
    return { v: 1, minutes: [...this.minutes], exp: this.exp, windows: this.windows, crisisSum: this.crisisSum, countSum: this.countSum, lastAt: this.lastAt };
  }

  /** Resumes from `toJSON()` output; without it (an older snapshot) the watch learns a day again before it tests. */
  static restore(brand: string, cfg: CrisisBurstTrigger, snap: BurstSnapshot | undefined): BurstWatch {
    const w = new BurstWatch(brand, cfg);
    if (snap?.v !== 1) return w;
    for (const [at, slot] of snap.minutes) w.minutes.set(at, slot);
    w.exp = snap.exp;
    w.windows = snap.windows;
    w.crisisSum = snap.crisisSum;
    w.countSum = snap.countSum;
    w.lastAt = snap.lastAt;
    return w;
  }

  add(m: Mention, item: EvidenceMention): void {
    const at = Math.floor(m.publishedAt / MINUTE) * MINUTE;
    let s = this.minutes.get(at);
    if (!s) this.minutes.set(at, (s = { count: 0, negative: 0, crisis: 0, items: [], crisisItems: [] }));
    s.count++;
    if (m.sentiment.label === 'negative') s.negative++;
    const crisis = m.intents.some((i) => i.name === 'crisis_risk');
    if (crisis) s.crisis++;
    if (s.items.length < MAX_ITEMS_PER_MINUTE) s.items.push(item);
    if (crisis && s.crisisItems.length < MAX_ITEMS_PER_MINUTE) s.crisisItems.push(item);
  }

  /** A 5-minute window of the brand closed: the latest expectations, and the crisis-risk rate learns (half-life one day). */
  learn(e: BurstExpectation): void {
    const a = alphaFromHalfLife(86_400_000 / e.windowMs);
    this.crisisSum = this.crisisSum * (1 - a) + e.crisis;
    this.countSum = this.countSum * (1 - a) + e.count;
    this.exp = e;
    this.windows++;
  }

  /**
   * Tests the trailing window up to `now` (whole minutes plus the current one, so
   * a tick needs no alignment); a candidate when all conditions hold.
   */
  evaluate(now: number, baselineTexts: readonly string[]): Candidate | null {
    if (now <= this.lastAt) return null;
    this.lastAt = now;
    const start = Math.floor(now / MINUTE) * MINUTE - this.cfg.window + MINUTE;
    for (const at of this.minutes.keys()) if (at < start) this.minutes.delete(at);
    const e = this.exp;
    // A day of windows first: the expectations must know the night.
    if (!this.cfg.enabled || !e || this.windows < 86_400_000 / e.windowMs) return null;
    let n = 0, k = 0, c = 0;
    const items: EvidenceMention[] = [];
    const crisisItems: EvidenceMention[] = [];
    for (const [at, s] of this.minutes) {
      if (at > now) continue;
      n += s.count;
      k += s.negative;
      c += s.crisis;
      items.push(...s.items);
      crisisItems.push(...s.crisisItems);
    }
    if (c < this.cfg.min_crisis || k < this.cfg.min_negative || n === 0) return null;
    const volume = (e.volumePerWindow * this.cfg.window) / e.windowMs;
    const rate = (this.crisisSum + PRIOR_CRISIS) / (this.countSum + PRIOR_MENTIONS);
    // Against the mentions actually seen: a campaign multiplies the classifier's false crisis-risk hits too.
    const expCrisis = Math.max(n * rate, 1e-6);
    const pCrisis = binomialUpper(c, n, rate);
    const expNeg = Math.max(volume * e.share, 1e-6);
    const pNeg = poissonUpper(k, expNeg);
    if (pCrisis > this.cfg.max_p || pNeg > this.cfg.max_p_negative || k / n < this.cfg.min_share_ratio * e.share) return null;
    // The alert is about the crisis-risk mentions: their words, against the brand's ordinary ones.
    const terms = topTerms(crisisItems.map((i) => i.text), baselineTexts, 10, { minCount: crisisItems.length < 5 ? 1 : 2 }).map((x) => x.term);
    const ws = new Date(start).toISOString();
    const we = new Date(now).toISOString();
    const mins = Math.round(this.cfg.window / MINUTE);
    const explanation: Explanation = {
      observed: c,
      expected: expCrisis,
      band: [0, expCrisis + 3 * Math.sqrt(expCrisis)],
      score: scoreFromP(pCrisis),
      windowStart: ws,
      windowEnd: we,
      topTerms: terms,
      sampleMentionIds: sampleMentions(crisisItems, 5, terms),
      topAuthors: topAuthors(items, 5).map((x) => ({ name: x.name || x.id, reach: x.reach })),
      topSources: topSources(items, 5).map((x) => ({ source: x.source, count: x.mentions })),
      metrics: {
        crisis_count: { observed: c, expected: expCrisis, score: scoreFromP(pCrisis) },
        negative_count: { observed: k, expected: expNeg, score: scoreFromP(pNeg) },
        negative_share: { observed: k / n, expected: e.share, score: 0 },
        volume: { observed: n, expected: volume, score: 0 },
      },
      summary: `${c} crisis-risk mentions in the ${mins} minutes to ${we} (expected ${expCrisis.toPrecision(2)}, p=${pCrisis.toExponential(1)}); negative mentions ${k} vs expected ${expNeg.toFixed(1)} (p=${pNeg.toExponential(1)}), negative share ${Math.round((100 * k) / n)}% vs ${Math.round(100 * e.share)}%`,
    } as Explanation;
    return {
      brand: this.brand,
      kind: 'crisis_burst',
      severity: this.cfg.severity,
      labels: { metric: 'crisis_count', window: `${mins}m` },
      title: `${this.brand}: crisis burst — ${c} crisis-risk mentions, ${k} of ${n} negative in ${mins} minutes`,
      at: now,
      explanation,
    };
  }
}

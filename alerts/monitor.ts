import type { Clock } from '../core/clock.ts';
import type { Mention } from '../core/mention.ts';
import type { MetricName } from '../pipeline/detect-spikes/detection.ts';
import { sampleMentions, topAuthors, topSources, type EvidenceMention } from '../pipeline/detect-spikes/explain/evidence.ts';
import { topTerms } from '../pipeline/detect-spikes/explain/top-terms.ts';
import { createSeriesDetector, restoreSeriesDetector, type SeriesDetector } from '../pipeline/detect-spikes/series-detector.ts';
import { BurstWatch, type BurstSnapshot } from './burst.ts';
import type { AlertsConfig } from './config.ts';
import type { AlertEngine } from './engine.ts';
import type { Detection } from '../pipeline/detect-spikes/detection.ts';

/** Builds the detector of one metric of one series (brand, or brand × dimension). */
export type DetectorFactory = (metric: MetricName, dimension: string, windowMs: number, track: 'short' | 'long') => SeriesDetector;

/**
 * The detector's defaults for the short track. The long track sees many
 * mentions per window, so a smaller shift is already meaningful there: its
 * score reaches 0.5 at p = 10^-2.5 and a share may count from +5 points.
 */
export const defaultDetectorFactory: DetectorFactory = (metric, dimension, windowMs, track) =>
  createSeriesDetector({ metric, dimension, windowMs, ...(track === 'long' ? { pCentre: 2.5, ...(metric === 'negative_share' ? { minExcess: 0.05 } : {}) } : {}) });

const METRICS: MetricName[] = ['volume', 'negative_count', 'negative_share', 'crisis_count', 'reach_volume'];
/** The long track looks for sustained shifts of mood; volume is there for the co-conditions. */
const LONG_METRICS: MetricName[] = ['volume', 'negative_count', 'negative_share'];
/** Texts and evidence kept per window: enough for top terms and samples, bounded under any load. */
const MAX_WINDOW_ITEMS = 400;
/** Texts per closed window kept for the baseline, and windows kept (a day of 5-minute windows). */
const BASELINE_PER_WINDOW = 20;
const BASELINE_WINDOWS = 288;
/** Top terms, samples and authors are worked out only when a window looks unusual. */
const EXPLAIN_SCORE = 0.5;

interface Bucket {
  count: number;
  negative: number;
  crisis: number;
  reach: number;
  items: EvidenceMention[];
}

/**
 * One window length of a series. Windows of `windowMs` close every `stepMs`
 * (equal for the short track; the long track's hour closes every 15 minutes,
 * one detector per offset so each still sees non-overlapping windows in order).
 */
interface Track {
  windowMs: number;
  stepMs: number;
  /** Extra label of alerts from this track (`window: "1h"`), empty for the main one. */
  label: Record<string, string>;
  kind: 'short' | 'long';
  metrics: MetricName[];
  /** End of the next window to close. */
  next: number;
  slots: Map<number, Bucket>;
  detectors: Array<Map<MetricName, SeriesDetector>>;
  baseline: string[][];
}

export interface MonitorSnapshot {
  v: 1;
  series: Array<{
    brand: string;
    dims: Record<string, string>;
    tracks: Array<{
      kind: 'short' | 'long'; windowMs: number; stepMs: number; label: Record<string, string>; metrics: MetricName[]; next: number;
      slots: Array<[number, Bucket]>; detectors: Array<Array<[MetricName, unknown]>>; baseline: string[][];
    }>;
    /** The brand-level series' small-sample crisis test (absent in snapshots from before it was saved). */
    burst?: BurstSnapshot;
  }>;
}

interface Series {
  brand: string;
  dims: Record<string, string>;
  tracks: Track[];
  /** Brand-level series only: the minute-by-minute small-sample crisis test. */
  burst?: BurstWatch;
}

const emptyBucket = (): Bucket => ({ count: 0, negative: 0, crisis: 0, reach: 0, items: [] });

/**
 * Turns stored mentions into per-window series and runs the detector on each
 * closed window, per brand (and per brand × source/language when configured),
 * then hands the result to the engine. Per-mention triggers go to the engine
 * at once. Works the same on a live clock and a replay's simulated one.
 */
export class Monitor {
  private readonly series = new Map<string, Series>();
  private readonly grace: number;
  private readonly factory: DetectorFactory;

  constructor(private readonly o: { config: AlertsConfig; engine: AlertEngine; clock: Clock; detectorFactory?: DetectorFactory; graceMs?: number }) {
    this.grace = o.graceMs ?? o.config.monitor.grace;
    this.factory = o.detectorFactory ?? defaultDetectorFactory;
  }

  private track(kind: Track['kind'], windowMs: number, stepMs: number, label: Record<string, string>, metrics: MetricName[], dimension: string, first: number): Track {
    const k = Math.max(1, Math.round(windowMs / stepMs));
    const detectors = Array.from({ length: k }, () => new Map(metrics.map((m) => [m, this.factory(m, dimension, windowMs, kind)] as const)));
    return { kind, windowMs, stepMs, label, metrics, next: Math.floor(first / stepMs) * stepMs + stepMs, slots: new Map(), detectors, baseline: [] };
  }

  private seriesFor(brand: string, dims: Record<string, string>, at: number): Series {
    const dimension = Object.entries(dims).map(([k, v]) => `${k}=${v}`).join(',') || 'all';
    const key = `${brand}\u0000${dimension}`;
    let s = this.series.get(key);
    if (!s) {
      const m = this.o.config.monitor;
      const tracks = [this.track('short', m.window, m.window, {}, METRICS, dimension, at)];
      if (m.long_window > m.window) tracks.push(this.track('long', m.long_window, m.long_window_step, { window: m.long_window_label }, LONG_METRICS, dimension, at));
      s = { brand, dims, tracks, ...(dimension === 'all' ? { burst: new BurstWatch(brand, this.o.config.triggers.crisis_burst) } : {}) };
      this.series.set(key, s);
    }
    return s;
  }

  /**
   * Everything the monitor has learned (detector baselines, open windows,
   * baseline texts, the crisis-burst rates and minutes) as JSON, so a restarted
   * alerter goes on instead of re-learning the weekly rhythm (and, for the burst
   * test, instead of a blind first day). The alerter keeps it in Redis.
   */
  toJSON(): MonitorSnapshot {
    return {
      v: 1,
      series: [...this.series.values()].map((s) => ({
        brand: s.brand,
        dims: s.dims,
        tracks: s.tracks.map((t) => ({
          kind: t.kind, windowMs: t.windowMs, stepMs: t.stepMs, label: t.label, metrics: t.metrics, next: t.next,
          slots: [...t.slots],
          detectors: t.detectors.map((m) => [...m].map(([metric, d]) => [metric, d.toJSON()] as [MetricName, unknown])),
          baseline: t.baseline.map((w) => w.map((x) => x.slice(0, 300))),
        })),
        ...(s.burst ? { burst: s.burst.toJSON() } : {}),
      })),
    };
  }

  /** Restores `toJSON()` output; series whose window settings changed since are dropped (they re-learn). */
  restore(snap: MonitorSnapshot): void {
    if (snap?.v !== 1) return;
    const m = this.o.config.monitor;
    for (const s of snap.series) {
      const tracks: Track[] = [];
      for (const t of s.tracks) {
        const ok = t.kind === 'short' ? t.windowMs === m.window : t.windowMs === m.long_window && t.stepMs === m.long_window_step;
        if (!ok) continue;
        tracks.push({
          kind: t.kind, windowMs: t.windowMs, stepMs: t.stepMs, label: t.label, metrics: t.metrics, next: t.next,
          slots: new Map(t.slots), baseline: t.baseline,
          detectors: t.detectors.map((list) => new Map(list.map(([metric, st]) => [metric, restoreSeriesDetector(st)] as const))),
        });
      }
      if (tracks.length === s.tracks.length && tracks.length > 0) {
        const dimension = Object.entries(s.dims).map(([k, v]) => `${k}=${v}`).join(',') || 'all';
        const burst = dimension === 'all' ? { burst: BurstWatch.restore(s.brand, this.o.config.triggers.crisis_burst, s.burst) } : {};
        this.series.set(`${s.brand}\u0000${dimension}`, { brand: s.brand, dims: s.dims, tracks, ...burst });
      }
    }
  }

  /** Feed mentions after they are stored (each has its brands, sentiment, intents and reach). */
  async observe(mentions: readonly Mention[]): Promise<void> {
    for (const m of mentions) {
      for (const brand of m.brands) {
        const sets: Array<Record<string, string>> = [{}];
        for (const d of this.o.config.monitor.dimensions) sets.push({ [d]: d === 'source' ? m.source : m.language });
        for (const dims of sets) {
          const series = this.seriesFor(brand, dims, m.publishedAt);
          let item: EvidenceMention | undefined;
          const evidence = () => (item ??= { id: m.id, source: m.source, text: m.text.slice(0, 2000), reach: m.reach, publishedAt: m.publishedAt, author: { id: m.author.id, name: m.author.name, followers: m.author.followers } });
          series.burst?.add(m, evidence());
          for (const t of series.tracks) {
            // A late mention (its window already closed) counts in the next window to close: late news is still news.
            const slot = Math.max(Math.floor(m.publishedAt / t.stepMs) * t.stepMs, t.next - t.stepMs);
            let b = t.slots.get(slot);
            if (!b) t.slots.set(slot, (b = emptyBucket()));
            b.count++;
            if (m.sentiment.label === 'negative') b.negative++;
            if (m.intents.some((i) => i.name === 'crisis_risk')) b.crisis++;
            b.reach += m.reach;
            if (b.items.length < MAX_WINDOW_ITEMS) {
              b.items.push(evidence());
            }
          }
        }
      }
      await this.o.engine.mention(m);
    }
  }

  /** Closes every window that ended at least `monitor.grace` before `now`, oldest first. */
  async tick(now: number): Promise<void> {
    for (const s of this.series.values()) {
      for (const t of s.tracks) {
        while (t.next + this.grace <= now) {
          const end = t.next;
          t.next += t.stepMs;
          await this.close(s, t, end);
        }
      }
      const short = s.tracks[0];
      const c = s.burst && short ? s.burst.evaluate(now - this.grace, short.baseline.flat()) : null;
      if (c) await this.o.engine.submit(c);
    }
  }

  private async close(s: Series, t: Track, end: number): Promise<void> {
    const start = end - t.windowMs;
    const b = emptyBucket();
    for (const [at, slot] of t.slots) {
      if (at < start || at >= end) continue;
      b.count += slot.count;
      b.negative += slot.negative;
      b.crisis += slot.crisis;
      b.reach += slot.reach;
      b.items.push(...slot.items);
    }
    const newest = t.slots.get(end - t.stepMs);
    for (const at of t.slots.keys()) if (at < start + t.stepMs) t.slots.delete(at);
    const detectors = t.detectors[Math.round(end / t.stepMs) % t.detectors.length] ?? new Map<MetricName, SeriesDetector>();
    const detections: Detection[] = [];
    for (const [metric, det] of detectors) {
      const point =
        metric === 'volume' ? { at: start, value: b.count }
        : metric === 'negative_count' ? { at: start, value: b.negative }
        : metric === 'negative_share' ? { at: start, value: b.negative, total: b.count }
        : metric === 'crisis_count' ? { at: start, value: b.crisis }
        : { at: start, value: b.reach };
      detections.push(det.update(point));
    }
    const unusual = detections.some((d) => d.score >= EXPLAIN_SCORE && d.direction !== 'down');
    let terms: string[] = [];
    if (unusual && b.items.length) terms = topTerms(b.items.map((i) => i.text), t.baseline.flat(), 10).map((x) => x.term);
    // The baseline learns from ordinary windows only, so a crisis does not explain itself away.
    if (!unusual && newest) {
      const texts = newest.items.map((i) => i.text);
      t.baseline.push(texts.filter((_, i) => i % Math.max(1, Math.ceil(texts.length / BASELINE_PER_WINDOW)) === 0));
      if (t.baseline.length > (BASELINE_WINDOWS * 300_000) / t.stepMs) t.baseline.shift();
    }
    if (s.burst && t.kind === 'short') {
      const vol = detections.find((d) => d.metric === 'volume');
      const share = detections.find((d) => d.metric === 'negative_share');
      if (vol && share) s.burst.learn({ volumePerWindow: vol.expected, windowMs: t.windowMs, share: share.expected, count: b.count, crisis: b.crisis });
    }
    await this.o.engine.windowClosed({
      brand: s.brand,
      track: t.kind,
      dims: { ...s.dims, ...t.label },
      windowStart: start,
      windowEnd: end,
      detections,
      topTerms: terms,
      sampleMentionIds: unusual ? sampleMentions(b.items, 5, terms) : [],
      topAuthors: unusual ? topAuthors(b.items, 5).map((a) => ({ name: a.name || a.id, reach: a.reach })) : [],
      topSources: unusual ? topSources(b.items, 5).map((x) => ({ source: x.source, count: x.mentions })) : [],
    });
  }
}

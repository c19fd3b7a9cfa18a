import type { Clock } from '../core/clock.ts';
import type { Mention } from '../core/mention.ts';
import type { MetricName } from '../pipeline/detect-spikes/detection.ts';
import { sampleMentions, topAuthors, topSources, type EvidenceMention } from '../pipeline/detect-spikes/explain/evidence.ts';
import { topTerms } from '../pipeline/detect-spikes/explain/top-terms.ts';
import { createSeriesDetector, type SeriesDetector } from '../pipeline/detect-spikes/series-detector.ts';
import type { AlertsConfig } from './config.ts';
import type { AlertEngine } from './engine.ts';
import type { DetectionLike } from './types.ts';

/** Builds the detector of one metric of one series (brand, or brand × dimension). */
export type DetectorFactory = (metric: MetricName, dimension: string, windowMs: number) => SeriesDetector;

export const defaultDetectorFactory: DetectorFactory = (metric, dimension, windowMs) =>
  createSeriesDetector({ metric, dimension, windowMs });

const METRICS: MetricName[] = ['volume', 'negative_count', 'negative_share', 'crisis_count', 'reach_volume'];
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

interface Series {
  brand: string;
  dims: Record<string, string>;
  /** Start of the oldest window not yet closed. */
  next: number;
  buckets: Map<number, Bucket>;
  detectors: Map<MetricName, SeriesDetector>;
  baseline: string[][];
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
  private readonly windowMs: number;
  private readonly grace: number;
  private readonly factory: DetectorFactory;

  constructor(private readonly o: { config: AlertsConfig; engine: AlertEngine; clock: Clock; detectorFactory?: DetectorFactory }) {
    this.windowMs = o.config.monitor.window;
    this.grace = o.config.monitor.grace;
    this.factory = o.detectorFactory ?? defaultDetectorFactory;
  }

  private seriesFor(brand: string, dims: Record<string, string>, start: number): Series {
    const key = `${brand}\u0000${Object.entries(dims).map(([k, v]) => `${k}=${v}`).join(',')}`;
    let s = this.series.get(key);
    if (!s) {
      const dimension = Object.entries(dims).map(([k, v]) => `${k}=${v}`).join(',') || 'all';
      s = { brand, dims, next: start, buckets: new Map(), detectors: new Map(), baseline: [] };
      for (const m of METRICS) s.detectors.set(m, this.factory(m, dimension, this.windowMs));
      this.series.set(key, s);
    }
    return s;
  }

  /** Feed mentions after they are stored (each has its brands, sentiment, intents and reach). */
  async observe(mentions: readonly Mention[]): Promise<void> {
    for (const m of mentions) {
      const start = Math.floor(m.publishedAt / this.windowMs) * this.windowMs;
      for (const brand of m.brands) {
        const sets: Array<Record<string, string>> = [{}];
        for (const d of this.o.config.monitor.dimensions) sets.push({ [d]: d === 'source' ? m.source : m.language });
        for (const dims of sets) {
          const s = this.seriesFor(brand, dims, start);
          // A late mention (its window already closed) counts in the oldest open window: late news is still news.
          const at = Math.max(start, s.next);
          let b = s.buckets.get(at);
          if (!b) s.buckets.set(at, (b = emptyBucket()));
          b.count++;
          if (m.sentiment.label === 'negative') b.negative++;
          if (m.intents.some((i) => i.name === 'crisis_risk')) b.crisis++;
          b.reach += m.reach;
          if (b.items.length < MAX_WINDOW_ITEMS) {
            b.items.push({ id: m.id, source: m.source, text: m.text.slice(0, 2000), reach: m.reach, publishedAt: m.publishedAt, author: { id: m.author.id, name: m.author.name, followers: m.author.followers } });
          }
        }
      }
      await this.o.engine.mention(m);
    }
  }

  /** Closes every window that ended at least `monitor.grace` before `now`, oldest first. */
  async tick(now: number): Promise<void> {
    for (const s of this.series.values()) {
      while (s.next + this.windowMs + this.grace <= now) {
        const start = s.next;
        const b = s.buckets.get(start) ?? emptyBucket();
        s.buckets.delete(start);
        s.next = start + this.windowMs;
        await this.close(s, start, b);
      }
    }
  }

  private async close(s: Series, start: number, b: Bucket): Promise<void> {
    const detections: DetectionLike[] = [];
    for (const [metric, det] of s.detectors) {
      const point =
        metric === 'volume' ? { at: start, value: b.count }
        : metric === 'negative_count' ? { at: start, value: b.negative }
        : metric === 'negative_share' ? { at: start, value: b.negative, total: b.count }
        : metric === 'crisis_count' ? { at: start, value: b.crisis }
        : { at: start, value: b.reach };
      detections.push(det.update(point));
    }
    const texts = b.items.map((i) => i.text);
    const unusual = detections.some((d) => d.score >= EXPLAIN_SCORE && d.direction !== 'down');
    let terms: string[] = [];
    if (unusual && b.items.length) terms = topTerms(texts, s.baseline.flat(), 10).map((t) => t.term);
    // The baseline learns from ordinary windows only, so a crisis does not explain itself away.
    if (!unusual) {
      s.baseline.push(texts.filter((_, i) => i % Math.max(1, Math.ceil(texts.length / BASELINE_PER_WINDOW)) === 0));
      if (s.baseline.length > BASELINE_WINDOWS) s.baseline.shift();
    }
    await this.o.engine.windowClosed({
      brand: s.brand,
      dims: s.dims,
      windowStart: start,
      windowEnd: start + this.windowMs,
      detections,
      topTerms: terms,
      sampleMentionIds: unusual ? sampleMentions(b.items, 5, terms) : [],
      topAuthors: unusual ? topAuthors(b.items, 5).map((a) => ({ name: a.name || a.id, reach: a.reach })) : [],
      topSources: unusual ? topSources(b.items, 5).map((x) => ({ source: x.source, count: x.mentions })) : [],
    });
  }
}

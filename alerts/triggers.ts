import type { Mention } from '../core/mention.ts';
import type { AlertsConfig, DetectionTrigger } from './config.ts';
import { severityRank } from './config.ts';
import type { Explanation, Severity } from './service.ts';
import type { Detection } from '../pipeline/detect-spikes/detection.ts';

/** What the monitor hands over when it closes a window of one series set (a brand, or brand × dimension). */
export interface WindowEvaluation {
  brand: string;
  /** `short` (monitor.window) or `long` (monitor.long_window): which trigger rules apply. */
  track?: 'short' | 'long';
  /** Extra labels of the series, e.g. `{source: "reddit"}`; empty for the brand as a whole. */
  dims: Record<string, string>;
  windowStart: number;
  windowEnd: number;
  /** One per metric evaluated in this window (anomalous or not). */
  detections: Detection[];
  topTerms: string[];
  sampleMentionIds: string[];
  topAuthors: Array<{ name: string; reach: number }>;
  topSources: Array<{ source: string; count: number }>;
}

/** An alert condition seen now: the engine turns it into a new alert or updates the active one. */
export interface Candidate {
  brand: string;
  kind: string;
  severity: Severity;
  labels: Record<string, string>;
  title: string;
  explanation: Explanation;
  at: number;
  /** Per-mention alerts: a repeat adds its mention to the active alert (observed counts them) instead of replacing it. */
  accumulate?: boolean;
}

const METRIC_KIND: Record<string, string> = {
  volume: 'volume_spike',
  negative_count: 'negative_spike',
  negative_share: 'negative_share',
  crisis_count: 'crisis_terms',
  reach_volume: 'reach_spike',
};

/** The alert kind a trigger raises. */
export function alertKindOf(rule: DetectionTrigger): string {
  return rule.alert ?? (rule.detection === 'slow_burn' ? 'slow_burn' : (METRIC_KIND[rule.metric] ?? `${rule.metric}_spike`));
}

const ratioOf = (d: Detection) => (d.expected > 0 ? d.observed / d.expected : d.observed > 0 ? Infinity : 1);

function meets(d: Detection | undefined, c: { min_score: number; min_ratio: number; min_observed: number }): boolean {
  return d !== undefined && d.direction !== 'down' && d.score >= c.min_score && ratioOf(d) >= c.min_ratio && d.observed >= c.min_observed;
}

const fmt = (n: number) => (Math.abs(n) < 1 && n !== 0 ? `${Math.round(n * 100)}%` : String(Math.round(n * 10) / 10));

/** Evaluates a closed window: the alert candidates, and the alert kinds still outside their band (kept alive). */
export function evaluateWindow(cfg: AlertsConfig, ev: WindowEvaluation): { candidates: Candidate[]; outOfBand: Map<string, string> } {
  const byMetric = new Map<string, Detection>();
  for (const d of ev.detections) byMetric.set(d.metric, d);
  const outOfBand = new Map<string, string>();
  const best = new Map<string, { severity: Severity; d: Detection }>();
  for (const rule of cfg.triggers.detections) {
    if (rule.window !== (ev.track ?? 'short')) continue;
    const d = byMetric.get(rule.metric);
    if (!d) continue;
    const kind = alertKindOf(rule);
    if (d.observed > d.upper && d.direction !== 'down') outOfBand.set(kind, rule.metric);
    if (rule.detection === 'slow_burn' && d.kind !== 'slow_burn') continue;
    if (rule.detection === 'spike' && d.kind === 'slow_burn') continue;
    if (!meets(d, rule) || !rule.requires.every((c) => meets(byMetric.get(c.metric), c))) continue;
    outOfBand.set(kind, rule.metric);
    const prev = best.get(kind);
    if (!prev || severityRank(rule.severity) > severityRank(prev.severity)) best.set(kind, { severity: rule.severity, d });
  }
  const candidates: Candidate[] = [];
  for (const [kind, { severity, d }] of best) {
    const dimText = Object.entries(ev.dims).map(([k, v]) => `${k}=${v}`).join(', ');
    const title = `${ev.brand}: ${kind.replace(/_/g, ' ')}${dimText ? ` (${dimText})` : ''} — ${d.metric.replace(/_/g, ' ')} ${fmt(d.observed)} vs expected ${fmt(d.expected)}`;
    candidates.push({
      brand: ev.brand,
      kind,
      severity,
      labels: { ...ev.dims, metric: d.metric },
      title,
      at: ev.windowEnd,
      explanation: {
        observed: d.observed,
        expected: d.expected,
        band: [d.lower, d.upper],
        score: d.score,
        windowStart: new Date(ev.windowStart).toISOString(),
        windowEnd: new Date(ev.windowEnd).toISOString(),
        topTerms: ev.topTerms,
        sampleMentionIds: ev.sampleMentionIds,
        topAuthors: ev.topAuthors,
        topSources: ev.topSources,
        metrics: Object.fromEntries([...byMetric].map(([m, x]) => [m, { observed: x.observed, expected: x.expected, score: x.score }])),
        summary: `${d.metric.replace(/_/g, ' ')} was ${fmt(d.observed)} in the ${Math.round((ev.windowEnd - ev.windowStart) / 60_000)} minutes to ${new Date(ev.windowEnd).toISOString()}, expected ${fmt(d.expected)} (band ${fmt(d.lower)}–${fmt(d.upper)}), anomaly score ${d.score.toFixed(2)}${d.kind === 'slow_burn' ? ', a sustained shift' : ''}`,
      } as Explanation,
    });
  }
  return { candidates, outOfBand };
}

function wordRegex(term: string): RegExp {
  const esc = term.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${esc}($|[^\\p{L}\\p{N}])`, 'iu');
}
const termCache = new Map<string, RegExp>();

function single(m: Mention, brand: string, kind: string, severity: Severity, title: string, terms: string[], observed: number): Candidate {
  return {
    brand,
    kind,
    severity,
    // One alert per brand and kind gathers the mentions while they keep coming (no storm of one alert per post).
    labels: {},
    title,
    at: m.publishedAt,
    accumulate: true,
    explanation: {
      observed: 1,
      value: observed,
      expected: 0,
      band: [0, 0],
      score: 1,
      windowStart: new Date(m.publishedAt).toISOString(),
      windowEnd: new Date(m.publishedAt).toISOString(),
      topTerms: terms,
      sampleMentionIds: [m.id],
      topAuthors: [{ name: m.author.name || m.author.id, reach: m.reach || (m.author.followers ?? 0) }],
      topSources: [{ source: m.source, count: 1 }],
      summary: `${m.source} post by ${m.author.name || m.author.id || 'unknown'} (${m.author.followers ?? 0} followers): ${m.text.slice(0, 280)}`,
    } as Explanation,
  };
}

/** Per-mention triggers: a crisis term from a high-reach author, a lead, a bad review. */
export function evaluateMention(cfg: AlertsConfig, m: Mention): Candidate[] {
  const out: Candidate[] = [];
  const t = cfg.triggers;
  const followers = m.author.followers ?? 0;
  for (const brand of m.brands) {
    if (followers >= t.crisis_terms.min_followers) {
      const found = t.crisis_terms.terms.filter((term) => {
        let re = termCache.get(term);
        if (!re) termCache.set(term, (re = wordRegex(term)));
        return re.test(m.text) || re.test(m.title);
      });
      if (found.length) {
        out.push(single(m, brand, 'crisis_terms', t.crisis_terms.severity, `${brand}: "${found.join('", "')}" from ${m.author.name || 'an author'} with ${followers} followers`, found, followers));
      }
    }
    const lead = m.intents.find((i) => i.name === 'lead');
    if (t.lead.enabled && lead && lead.confidence >= t.lead.min_confidence) {
      out.push(single(m, brand, 'lead', t.lead.severity, `${brand}: possible lead on ${m.source}`, [], lead.confidence));
    }
    const nr = t.negative_review;
    if (nr.enabled && m.rating !== null && m.rating <= nr.max_rating && (nr.sources.length === 0 || nr.sources.includes(m.source))) {
      out.push(single(m, brand, 'negative_review', nr.severity, `${brand}: ${m.rating}-star review on ${m.source}`, [], m.rating));
    }
  }
  return out;
}

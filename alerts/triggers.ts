import type { Mention } from '../core/mention.ts';
import type { AlertsConfig } from './config.ts';
import { severityRank } from './config.ts';
import type { Explanation, Severity } from './service.ts';
import type { DetectionLike } from './types.ts';

/** What the monitor hands over when it closes a window of one series set (a brand, or brand × dimension). */
export interface WindowEvaluation {
  brand: string;
  /** Extra labels of the series, e.g. `{source: "reddit"}`; empty for the brand as a whole. */
  dims: Record<string, string>;
  windowStart: number;
  windowEnd: number;
  /** One per metric evaluated in this window (anomalous or not). */
  detections: DetectionLike[];
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
}

/** Alert kind of a detection, or null when the direction is not a concern (fewer mentions is no crisis). */
export function alertKind(d: DetectionLike): string | null {
  if (d.direction === 'down') return null;
  if (d.kind && d.kind !== 'value_anomaly') return d.kind;
  return `${d.metric}_spike`;
}

const fmt = (n: number) => (Math.abs(n) < 1 && n !== 0 ? `${Math.round(n * 100)}%` : String(Math.round(n * 10) / 10));

/** Evaluates a closed window: the alert candidates, and the kinds still outside their band (keep alive). */
export function evaluateWindow(cfg: AlertsConfig, ev: WindowEvaluation): { candidates: Candidate[]; outOfBand: Map<string, string> } {
  const byKind = new Map<string, DetectionLike>();
  const outOfBand = new Map<string, string>();
  for (const d of ev.detections) {
    const kind = alertKind(d);
    if (!kind) continue;
    const prev = byKind.get(kind);
    if (!prev || d.score > prev.score) byKind.set(kind, d);
    if (d.observed > d.upper) outOfBand.set(kind, d.metric);
  }
  const candidates: Candidate[] = [];
  for (const [kind, d] of byKind) {
    let best: Severity | null = null;
    for (const rule of cfg.triggers.detections) {
      if (rule.kind !== kind || (rule.metrics.length && !rule.metrics.includes(d.metric))) continue;
      const ratio = d.expected > 0 ? d.observed / d.expected : d.observed > 0 ? Infinity : 0;
      if (d.score < rule.min_score || ratio < rule.min_ratio || d.observed < rule.min_observed) continue;
      const others = rule.requires.every((k) => {
        const o = byKind.get(k);
        return o !== undefined && o.score >= rule.min_score && o.observed > o.upper;
      });
      if (!others) continue;
      if (best === null || severityRank(rule.severity) > severityRank(best)) best = rule.severity;
    }
    if (best === null) continue;
    outOfBand.set(kind, d.metric);
    const dimText = Object.entries(ev.dims).map(([k, v]) => `${k}=${v}`).join(', ');
    const title = `${ev.brand}: ${kind.replace(/_/g, ' ')}${dimText ? ` (${dimText})` : ''} — ${d.metric} ${fmt(d.observed)} vs expected ${fmt(d.expected)}`;
    candidates.push({
      brand: ev.brand,
      kind,
      severity: best,
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
        summary: `${d.metric} was ${fmt(d.observed)} in the ${Math.round((ev.windowEnd - ev.windowStart) / 60_000)} minutes to ${new Date(ev.windowEnd).toISOString()}, expected ${fmt(d.expected)} (band ${fmt(d.lower)}–${fmt(d.upper)}), anomaly score ${d.score.toFixed(2)}${d.kind === 'slow_burn' ? ', a sustained shift' : ''}`,
      },
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
    // Each mention is its own alert: the id keeps two leads from merging.
    labels: { mention: m.id, source: m.source },
    title,
    at: m.publishedAt,
    explanation: {
      observed,
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
    },
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

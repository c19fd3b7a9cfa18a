import type { IntentName, Mention } from '../core/mention.ts';
import type { CareConfig, Channel } from './config.ts';
import type { CareItem, CareMention } from './types.ts';

/** Why an intent matters for care: a crisis first, then complaints, then questions and leads. */
export const INTENT_WEIGHT: Record<IntentName, number> = { crisis_risk: 4, complaint: 3, question: 2, lead: 2, praise: 1, spam: 0 };
/** Texts kept per mention in the queue; the full text stays in ClickHouse. */
export const MAX_CARE_TEXT = 2000;

export function channelOf(config: CareConfig, source: string): Channel {
  if (config.realtimeSources.includes(source)) return 'realtime';
  if (config.reviewSources.includes(source)) return 'review';
  return 'other';
}

/** The qualifying care intent of a mention, or null when it does not belong in the queue. */
export function careIntent(config: CareConfig, m: Mention): IntentName | null {
  if (!config.enabled) return null;
  if (config.sources.length && !config.sources.includes(m.source)) return null;
  if (config.languages.length && !config.languages.includes(m.language)) return null;
  if (m.reach < config.minReach) return null;
  let best: IntentName | null = null;
  for (const i of m.intents) {
    if (i.confidence < config.minConfidence || !config.intents.includes(i.name)) continue;
    if (!best || INTENT_WEIGHT[i.name] > INTENT_WEIGHT[best]) best = i.name;
  }
  return best;
}

export function slaFor(config: CareConfig, intent: IntentName, source: string): number {
  const channel = channelOf(config, source);
  for (const r of config.sla) {
    if (r.intent && r.intent !== intent) continue;
    if (r.channel && r.channel !== channel) continue;
    if (r.source && r.source !== source) continue;
    return r.within;
  }
  return 60 * 60_000;
}

export function severityOf(intent: IntentName, m: Pick<Mention, 'sentiment'>): number {
  const base = intent === 'crisis_risk' ? 4 : intent === 'complaint' ? 3 : 2;
  return Math.min(4, base + (m.sentiment.label === 'negative' && m.sentiment.score <= -0.6 ? 1 : 0));
}

/**
 * Priority = severity × intent weight × reach factor × urgency. Reach counts
 * logarithmically (a 1M-follower post is urgent, not 1000× more urgent);
 * urgency rises from 1 to 3 as the SLA runs out and is 4 once breached, so an
 * old small complaint eventually outranks a fresh big one.
 */
export function priorityOf(item: Pick<CareItem, 'severity' | 'intent' | 'reach' | 'slaMs' | 'dueAt'>, now: number): number {
  const reachFactor = 1 + Math.log10(1 + Math.max(0, item.reach));
  const left = item.dueAt - now;
  const urgency = left <= 0 ? 4 : 1 + 2 * (1 - Math.min(1, left / Math.max(1, item.slaMs)));
  return Math.round(item.severity * INTENT_WEIGHT[item.intent] * reachFactor * urgency * 100) / 100;
}

/** A stable key for "the same author on the same source". Empty when the source gave no author. */
export function authorKey(m: Mention): string {
  const who = m.author.id || m.author.name;
  return who ? `${m.source}:${who}`.toLowerCase() : '';
}

/** The author's public profile link: the source's own when given, else the usual URL shape of the network. */
export function profileUrl(m: Mention): string {
  if (m.author.url) return m.author.url;
  const name = encodeURIComponent(m.author.name || m.author.id);
  if (!name) return '';
  switch (m.source) {
    case 'reddit': return `https://www.reddit.com/user/${name}`;
    case 'hackernews': return `https://news.ycombinator.com/user?id=${name}`;
    case 'x': case 'twitter': return `https://x.com/${name}`;
    case 'bluesky': return `https://bsky.app/profile/${encodeURIComponent(m.author.id || m.author.name)}`;
    case 'youtube': return m.author.id ? `https://www.youtube.com/channel/${encodeURIComponent(m.author.id)}` : '';
    default: return '';
  }
}

export function careMention(m: Mention): CareMention {
  return {
    id: m.id,
    source: m.source,
    url: m.url,
    title: m.title.slice(0, 300),
    text: m.text.length > MAX_CARE_TEXT ? m.text.slice(0, MAX_CARE_TEXT) + '…' : m.text,
    language: m.language,
    publishedAt: m.publishedAt,
    sentiment: m.sentiment.label,
    reach: finiteReach(m.reach),
  };
}

/** Reach as a plain number: a NaN would become JSON null, which the Lua scripts cannot compare. */
export function finiteReach(reach: number): number {
  return Number.isFinite(reach) && reach > 0 ? reach : 0;
}

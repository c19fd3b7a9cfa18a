import type { Mention } from '../../../core/mention.ts';
import { chTime } from '../../../core/store/clickhouse.ts';
import type { DeadLetter } from '../../stage.ts';

const MAX_RAW = 16_384;

/** A Mention as a `mentions` row (column names from migration 001). */
export function mentionRow(m: Mention, processedAt: number): Record<string, unknown> {
  let raw = Object.keys(m.raw).length ? JSON.stringify(m.raw) : '';
  if (raw.length > MAX_RAW) raw = JSON.stringify({ truncated: true, keys: Object.keys(m.raw).slice(0, 50) });
  return {
    id: m.id,
    source: m.source,
    native_id: m.nativeId,
    url: m.url,
    title: m.title,
    text: m.text,
    language: m.language,
    country: m.country,
    published_at: chTime(m.publishedAt),
    collected_at: chTime(m.collectedAt),
    processed_at: chTime(processedAt),
    author_id: m.author.id,
    author_name: m.author.name,
    author_url: m.author.url,
    author_followers: m.author.followers,
    likes: m.engagement.likes,
    shares: m.engagement.shares,
    replies: m.engagement.replies,
    rating: m.rating,
    parent_id: m.parentId,
    brands: m.brands,
    sentiment_score: m.sentiment.score,
    sentiment_label: m.sentiment.label,
    intents: m.intents.map((i) => i.name),
    intent_confidences: m.intents.map((i) => i.confidence),
    reach: m.reach,
    raw,
  };
}

export function deadLetterRow(d: DeadLetter, at: number): Record<string, unknown> {
  return {
    at: chTime(at),
    stage: d.stage,
    code: d.code,
    reason: d.reason.slice(0, 2000),
    source: d.source,
    mention_id: d.mentionId,
    payload: d.payload.slice(0, 65_536),
  };
}

import { chTime, type Store } from '../../core/store/clickhouse.ts';

/** Stored mentions for brand-pulse and sample tests (the materialized view fills mentions_1m). */
export async function insertMentions(
  store: Store,
  rows: Array<{ id: string; brand: string; at: number; text?: string; label?: 'negative' | 'neutral' | 'positive'; score?: number; author?: string }>,
): Promise<void> {
  await store.insert(
    'mentions',
    rows.map((r) => ({
      id: r.id, source: 'reddit', native_id: r.id, url: `https://example.org/${r.id}`, title: '', text: r.text ?? `about ${r.brand}`,
      language: 'en', country: '', published_at: chTime(r.at), collected_at: chTime(r.at), processed_at: chTime(r.at),
      author_id: r.author ?? 'someone', author_name: r.author ?? 'someone', author_url: '', author_followers: 10,
      likes: 0, shares: 0, replies: 0, rating: null, parent_id: '', brands: [r.brand],
      sentiment_score: r.score ?? (r.label === 'negative' ? -0.7 : 0.1), sentiment_label: r.label ?? 'neutral',
      intents: [], intent_confidences: [], reach: 10, raw: '{}',
    })),
  );
}

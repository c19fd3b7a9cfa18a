import { toMention, type IntentName, type Mention } from '../../core/mention.ts';

/** A classified mention for tests, as the pipeline hands it to the care queue. */
export function classified(
  over: { id: string; source?: string; text?: string; author?: string; intent?: IntentName | null; confidence?: number; reach?: number; language?: string; brand?: string; publishedAt?: number; negative?: boolean },
  now: number,
): Mention {
  const m = toMention(
    {
      source: over.source ?? 'reddit',
      id: over.id,
      text: over.text ?? `Acme support never answers me (${over.id})`,
      publishedAt: new Date(over.publishedAt ?? now).toISOString(),
      url: `https://example.org/post/${over.id}`,
      language: over.language ?? 'en',
      author: { id: over.author ?? `user-${over.id}`, name: over.author ?? `user-${over.id}`, followers: over.reach ?? 100 },
    },
    { now, maxTextLength: 10_000 },
  );
  const intent = over.intent === undefined ? 'complaint' : over.intent;
  return {
    ...m,
    brands: [over.brand ?? 'Acme'],
    sentiment: over.negative ? { score: -0.8, label: 'negative' } : { score: -0.2, label: 'neutral' },
    intents: intent ? [{ name: intent, confidence: over.confidence ?? 0.9 }] : [],
    reach: over.reach ?? 100,
  };
}

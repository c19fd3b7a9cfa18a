import type { MentionInput } from '../../core/mention.ts';
import { rng } from '../../core/random.ts';

const DE = [
  'Der Empfang von {b} ist heute wieder katastrophal, seit Stunden kein Netz',
  'Hat jemand Erfahrung mit dem neuen Tarif von {b}? Lohnt sich der Wechsel?',
  'Danke {b}, der Support hat mir super schnell geholfen!',
  'Wo kann ich das neue Handy von {b} am günstigsten kaufen?',
  'Die App von {b} stürzt ständig ab, echt nervig',
  '{b} hat endlich 5G bei uns im Dorf, richtig gut',
];
const EN = [
  'Anyone else having issues with {b} today? No signal at all',
  'Thinking of switching to {b}, which plan should I buy?',
  'Big thanks to {b} support, fixed my problem in minutes',
  '{b} billing is a mess again, charged twice this month',
  'Loving the new {b} app update, so much faster',
  'Is {b} down right now? Cannot call anyone',
];
const SOURCES = ['reddit', 'mastodon', 'rss', 'hackernews', 'bluesky'];

export interface StreamOptions {
  count: number;
  brands: string[];
  /** Share of extra lines that repeat an earlier mention's source+id. */
  duplicateShare?: number;
  /** Share of extra lines that are malformed (bad JSON, missing field, bad date). */
  malformedShare?: number;
  start?: number;
  /** Mean milliseconds between mentions. */
  spacingMs?: number;
  seed?: number;
}

export interface GeneratedStream {
  lines: string[];
  /** Distinct valid mentions: what must end up stored exactly once. */
  distinct: number;
  duplicates: number;
  malformed: number;
}

/**
 * A JSONL stream of realistic German and English mentions. Every valid mention
 * has its own id and its own text (so text dedupe never fires by accident);
 * duplicates and malformed lines are mixed in at the given shares.
 */
export function generateStream(o: StreamOptions): GeneratedStream {
  const rand = rng(o.seed ?? 42);
  const start = o.start ?? Date.parse('2026-03-02T08:00:00Z');
  const spacing = o.spacingMs ?? 5000;
  const valid: MentionInput[] = [];
  let t = start;
  for (let i = 0; i < o.count; i++) {
    t += Math.floor(rand() * spacing * 2);
    const de = rand() < 0.5;
    const tpl = (de ? DE : EN)[Math.floor(rand() * 6)] ?? '';
    const brand = o.brands[Math.floor(rand() * o.brands.length)] ?? 'Acme';
    const source = SOURCES[Math.floor(rand() * SOURCES.length)] ?? 'rss';
    valid.push({
      source,
      id: `g${i}`,
      text: `${tpl.replace('{b}', brand)} (#${i})`,
      publishedAt: new Date(t).toISOString(),
      url: `https://example.org/${source}/${i}`,
      language: rand() < 0.3 ? (de ? 'de' : 'en') : undefined,
      author: { id: `u${Math.floor(rand() * 2000)}`, name: `user ${i % 2000}`, followers: Math.floor(rand() * 50_000) },
      engagement: { likes: Math.floor(rand() * 100), shares: Math.floor(rand() * 10), replies: Math.floor(rand() * 20) },
      extraField: i % 10 === 0 ? { kept: true } : undefined,
    });
  }
  const lines = valid.map((m) => JSON.stringify(m));
  const dupCount = Math.round(o.count * (o.duplicateShare ?? 0));
  for (let i = 0; i < dupCount; i++) {
    const original = valid[Math.floor(rand() * valid.length)];
    lines.splice(Math.floor(rand() * lines.length), 0, JSON.stringify(original));
  }
  const badCount = Math.round(o.count * (o.malformedShare ?? 0));
  const bad = [
    (i: number) => `{"source":"reddit","id":"bad${i}","text":"unterminated`,
    (i: number) => JSON.stringify({ source: 'reddit', id: `bad${i}`, publishedAt: '2026-03-02T10:00:00Z' }),
    (i: number) => JSON.stringify({ source: 'reddit', id: `bad${i}`, text: 'no date here', publishedAt: 'yesterday-ish' }),
    (i: number) => JSON.stringify({ id: `bad${i}`, text: 'no source', publishedAt: '2026-03-02T10:00:00Z' }),
    () => '[1, 2, 3]',
  ];
  for (let i = 0; i < badCount; i++) {
    const make = bad[i % bad.length]!;
    lines.splice(Math.floor(rand() * lines.length), 0, make(i));
  }
  return { lines, distinct: valid.length, duplicates: dupCount, malformed: badCount };
}

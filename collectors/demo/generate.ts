import type { MentionInput } from '../../core/mention.ts';
import { AUTHORS, INTENT_WEIGHTS, PRODUCTS, TEMPLATES, type DemoIntent } from './phrases.ts';
import { rng } from '../../core/random.ts';

/** Used when no brands are configured (see README): fictional, clearly not a real company. */
export const FICTIONAL_BRAND = 'Nordwind Mobile';
const FICTIONAL_COMPETITOR = 'Kestrel Telecom';

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length) % list.length]!;
}

function weighted(r: () => number): DemoIntent {
  const total = INTENT_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [intent, w] of INTENT_WEIGHTS) if ((x -= w) < 0) return intent;
  return 'neutral';
}

export interface GenerateOptions {
  /** Brand names to talk about; the first competitor of each is used for comparisons. */
  brands: ReadonlyArray<{ name: string; competitors?: readonly string[] }>;
  perMinute: number;
  seed: number;
  source: string;
}

/**
 * The mentions of one clock minute: fixed by (seed, minute), so a stream cut
 * into runs differently yields the same mentions with the same ids.
 */
export function minuteMentions(minute: number, o: GenerateOptions): MentionInput[] {
  const r = rng((o.seed * 2_654_435_761) ^ Math.floor(minute / 60_000));
  const count = Math.floor(r() * (2 * o.perMinute + 1));
  const brands = o.brands.length ? o.brands : [{ name: FICTIONAL_BRAND, competitors: [FICTIONAL_COMPETITOR] }];
  const out: MentionInput[] = [];
  for (let i = 0; i < count; i++) {
    const at = minute + Math.floor(r() * 60_000);
    const lang = r() < 0.5 ? 'de' : 'en';
    const intent = weighted(r);
    const brand = pick(r, brands);
    const competitor = brand.competitors?.[0] ?? pick(r, brands.filter((b) => b !== brand).map((b) => b.name).concat(FICTIONAL_COMPETITOR));
    const author = pick(r, AUTHORS);
    const handle = brand.name.toLowerCase().replace(/[^a-z0-9]+/g, '');
    const text = pick(r, TEMPLATES[lang][intent])
      .replaceAll('{b}', brand.name)
      .replaceAll('{c}', competitor)
      .replaceAll('{p}', pick(r, PRODUCTS[lang]))
      .replaceAll('{h}', handle);
    // Reach follows the author: big accounts get more likes and shares.
    const scale = Math.log10(author.followers + 10);
    const id = `${minute}-${i}`;
    out.push({
      source: o.source,
      id,
      text,
      publishedAt: new Date(at).toISOString(),
      url: `https://demo.earshot.invalid/${o.source}/${id}`,
      language: lang,
      author: { id: `demo-${author.name}`, name: author.name, followers: author.followers },
      engagement: {
        likes: Math.floor(r() * 10 * scale * (intent === 'crisis' ? 5 : 1)),
        shares: Math.floor(r() * 2 * scale * (intent === 'crisis' ? 8 : 1)),
        replies: Math.floor(r() * 3 * scale),
      },
      demo: true,
      demoIntent: intent,
    });
  }
  return out;
}

/** Mentions published in (from, to], oldest first, at most `max` (the oldest; the rest come next run). */
export function generateDemo(from: number, to: number, max: number, o: GenerateOptions): MentionInput[] {
  const out: MentionInput[] = [];
  for (let m = Math.floor(from / 60_000) * 60_000; m <= to; m += 60_000) {
    for (const x of minuteMentions(m, o)) {
      const t = Date.parse(x.publishedAt);
      if (t > from && t <= to) out.push(x);
    }
  }
  out.sort((a, b) => Date.parse(a.publishedAt) - Date.parse(b.publishedAt) || a.id.localeCompare(b.id));
  return out.slice(0, max);
}

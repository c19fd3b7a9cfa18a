import type { BrandConfig } from '../../config/schema.ts';
import type { Intent, Mention, SentimentLabel } from '../../core/mention.ts';
import { understandingSchema, type ParsedUnderstandingConfig } from './config.ts';
import { IntentClassifier } from './intents.ts';
import { detectLanguage } from './language.ts';
import { reachScore } from './reach.ts';
import { emptyEvidence, label, normalise, packsFor, rawSentiment, type Thresholds } from './sentiment.ts';
import { BUNDLED_SENTIMENT_MODEL, loadSentimentModel } from './sentiment-model.ts';
import { tokenize, type Token } from './tokenize.ts';

export type { ParsedUnderstandingConfig } from './config.ts';
export { understandingSchema } from './config.ts';

/** What earshot reads from a mention. */
export interface Understanding {
  language: string;
  sentiment: { score: number; label: SentimentLabel };
  intents: Intent[];
  reach: number;
}

export interface Understander {
  /** Enriches a normalised Mention in place: language (unless m.languageFromSource), sentiment (with the per-brand lexicons of m.brands), intents, reach. */
  enrich(m: Mention): void;
  detectLanguage(m: Mention): void;
  scoreSentiment(m: Mention): void;
  classifyIntents(m: Mention): void;
  reach(m: Mention): void;
  /** The same for a bare text, e.g. for benchmarks and tests. */
  understand(text: string, options?: { language?: string; brands?: readonly string[]; followers?: number | null }): Understanding;
}

/** Brand lexicon weights are on the AFINN-like scale of the config (±5); ours is VADER's (±4). */
const BRAND_SCALE = 0.8;

export function createUnderstander(config: ParsedUnderstandingConfig & { brands: readonly BrandConfig[] }): Understander {
  const minLetters = config.language.minLetters;
  const thresholds = config.sentiment.thresholds;
  const intents = new IntentClassifier({
    model: config.intents.model,
    threshold: config.intents.threshold,
    crisisTerms: config.intents.crisisTerms,
    brandCrisisTerms: config.intents.brandCrisisTerms,
  });
  const brandLexicons = new Map<string, ReadonlyMap<string, number>>();
  for (const b of config.brands) {
    const entries = Object.entries(b.lexicon ?? {});
    if (entries.length) brandLexicons.set(b.name.toLowerCase(), new Map(entries.map(([w, v]) => [w.trim().toLowerCase(), v * BRAND_SCALE])));
  }
  const merged = new Map<string, ReadonlyMap<string, number> | null>();
  const modelSetting = config.sentiment.model;
  const sentimentModel = modelSetting === 'none' ? null : loadSentimentModel(modelSetting === 'builtin' ? BUNDLED_SENTIMENT_MODEL : modelSetting, config.sentiment.minConfidence);
  const evidence = emptyEvidence();

  function overridesFor(brands: readonly string[]): ReadonlyMap<string, number> | null {
    if (brands.length === 0 || brandLexicons.size === 0) return null;
    if (brands.length === 1) return brandLexicons.get((brands[0] as string).toLowerCase()) ?? null;
    const key = brands.map((b) => b.toLowerCase()).sort().join('\u0000');
    let m = merged.get(key);
    if (m === undefined) {
      const all = new Map<string, number>();
      for (const b of brands) for (const [w, v] of brandLexicons.get(b.toLowerCase()) ?? []) all.set(w, v);
      m = all.size ? all : null;
      if (merged.size > 10_000) merged.clear();
      merged.set(key, m);
    }
    return m;
  }

  function thresholdsFor(language: string): Thresholds {
    return language === 'de' ? thresholds.de : language === 'en' ? thresholds.en : thresholds.other;
  }

  function sentimentOf(text: string | readonly Token[], language: string, brands: readonly string[]): { score: number; label: SentimentLabel } {
    const tokens = typeof text === 'string' ? tokenize(text) : text;
    // The model reads English; `und` texts are read with the English lexicon first, so they go to it too.
    const model = sentimentModel && (language === 'en' || language === 'und') ? sentimentModel : null;
    const raw = rawSentiment(tokens, packsFor(language), overridesFor(brands), model ? evidence : undefined);
    const score = Math.round(normalise(raw) * 1e4) / 1e4;
    const rules = { score, label: label(score, thresholdsFor(language)) };
    return model ? model.classify(tokens, raw, evidence, rules) : rules;
  }

  const u: Understander = {
    detectLanguage(m) {
      if (!m.languageFromSource) m.language = detectLanguage(m.title ? `${m.title}. ${m.text}` : m.text, { minLetters });
    },
    scoreSentiment(m) {
      m.sentiment = sentimentOf(m.title ? `${m.title}\n${m.text}` : m.text, m.language, m.brands);
    },
    classifyIntents(m) {
      m.intents = intents.classify({ text: m.title ? `${m.title}\n${m.text}` : m.text, brands: m.brands, sentiment: m.sentiment });
    },
    reach(m) {
      m.reach = reachScore(m.author.followers, m.engagement);
    },
    enrich(m) {
      u.detectLanguage(m);
      const text = m.title ? `${m.title}\n${m.text}` : m.text;
      const tokens = tokenize(text);
      m.sentiment = sentimentOf(tokens, m.language, m.brands);
      m.intents = intents.classify({ text, tokens, brands: m.brands, sentiment: m.sentiment });
      u.reach(m);
    },
    understand(text, options = {}) {
      const language = options.language ?? detectLanguage(text, { minLetters });
      const brands = options.brands ?? [];
      const tokens = tokenize(text);
      const sentiment = sentimentOf(tokens, language, brands);
      return {
        language,
        sentiment,
        intents: intents.classify({ text, tokens, brands, sentiment }),
        reach: reachScore(options.followers ?? null, { likes: 0, shares: 0, replies: 0 }),
      };
    },
  };
  return u;
}

let shared: Understander | null = null;

/** An understander with the default config and no brands, built once (for stages created without one). */
export function defaultUnderstander(): Understander {
  shared ??= createUnderstander({ ...understandingSchema.parse({}), brands: [] });
  return shared;
}

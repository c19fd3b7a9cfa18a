import Sentiment from 'sentiment';
import vader from 'vader-sentiment';
import type { SentimentLabel } from '../../core/mention.ts';
import { createUnderstander, understandingSchema } from '../understand/index.ts';
import type { LabelledText } from './data.ts';
import { score, type Scores } from './metrics.ts';

export const CLASSES: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

export type Scorer = (text: string, lang: string) => SentimentLabel;

const afinn = new Sentiment();
/** The plain `sentiment` package (AFINN-165): score > 0 positive, < 0 negative. */
export const afinnScorer: Scorer = (text) => {
  const s = afinn.analyze(text).score;
  return s > 0 ? 'positive' : s < 0 ? 'negative' : 'neutral';
};

/** vader-sentiment with VADER's published thresholds (compound ≥ 0.05 positive, ≤ -0.05 negative). */
export const vaderScorer: Scorer = (text) => {
  const c = vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
  return c >= 0.05 ? 'positive' : c <= -0.05 ? 'negative' : 'neutral';
};

/**
 * earshot with its default (calibrated) config, or with `sentimentModel` ("none" = rules only); the set's
 * language tag is given, as a source's would be.
 */
export function earshotScorer(sentimentModel?: string): Scorer {
  const u = createUnderstander({ ...understandingSchema.parse(sentimentModel ? { sentiment: { model: sentimentModel } } : {}), brands: [] });
  return (text, lang) => u.understand(text, { language: lang }).sentiment.label;
}

export function evaluate(rows: readonly LabelledText[], scorer: Scorer): Scores {
  return score(rows.map((r) => r.label), rows.map((r) => scorer(r.text, r.lang)), CLASSES);
}

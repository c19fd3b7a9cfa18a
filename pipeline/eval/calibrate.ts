import { normalise, rawSentiment, packsFor } from '../understand/sentiment.ts';
import { tokenize } from '../understand/tokenize.ts';
import { loadSplits, dataAvailable, type LabelledText } from './data.ts';
import { score } from './metrics.ts';

/**
 * Finds the label thresholds that maximise macro-F1 on the DEV parts only
 * (`npx tsx pipeline/eval/calibrate.ts`). The result is copied by hand into
 * DEFAULT_THRESHOLDS; the test parts are never looked at here.
 */
const CLASSES = ['negative', 'neutral', 'positive'] as const;

export function bestThresholds(rows: readonly LabelledText[], lang: string): { negative: number; positive: number; macroF1: number } {
  const scores = rows.map((r) => normalise(rawSentiment(tokenize(r.text), packsFor(lang), null)));
  const gold = rows.map((r) => r.label);
  let best = { negative: -0.05, positive: 0.05, macroF1: -1 };
  for (let neg = -0.6; neg <= 0.001; neg += 0.025) {
    for (let pos = 0; pos <= 0.6; pos += 0.025) {
      const pred = scores.map((s) => (s >= pos && s > 0 ? 'positive' : s <= neg && s < 0 ? 'negative' : 'neutral'));
      const m = score(gold, pred, CLASSES).macroF1;
      if (m > best.macroF1) best = { negative: +neg.toFixed(3), positive: +pos.toFixed(3), macroF1: m };
    }
  }
  return best;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!dataAvailable()) {
    console.log('skipped: ../shared/data is absent');
  } else {
    const splits = loadSplits();
    for (const lang of ['de', 'en'] as const) {
      const dev = splits[lang].dev;
      console.log(lang, 'dev pooled', JSON.stringify(bestThresholds(dev, lang)));
      for (const set of new Set(dev.map((r) => r.set))) console.log(lang, set, JSON.stringify(bestThresholds(dev.filter((r) => r.set === set), lang)));
    }
  }
}

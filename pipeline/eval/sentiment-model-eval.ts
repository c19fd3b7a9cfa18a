import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fromRoot } from '../../core/paths.ts';
import { readSentimentExamples } from '../understand/examples.ts';
import { emptyEvidence, label, normalise, packsFor, rawSentiment } from '../understand/sentiment.ts';
import { DEFAULT_THRESHOLDS } from '../understand/config.ts';
import { SENTIMENT_CLASSES, sentimentModelFromJson, trainSentiment, type SentimentModelJson, type SentimentTrainOptions } from '../understand/sentiment-model.ts';
import { tokenize } from '../understand/tokenize.ts';
import { dataAvailable, loadSplits, type LabelledText } from './data.ts';
import { score } from './metrics.ts';

/**
 * Trains the English sentiment model on earshot's own examples
 * (pipeline/understand/training/sentiment/) and scores it on the SemEval DEV
 * split, where the only scalar is fitted: minConfidence, the probability from
 * which the model's label replaces the rules' (`fitMinConfidence`). `--test`
 * also scores the test split (checkpoints only); `--write FILE` saves the
 * model with its fitted minConfidence.
 *
 *   npx tsx pipeline/eval/sentiment-model-eval.ts [--l2 1e-2] [--epochs 30] [--min-confidence C] [--cross-domain] [--test] [--write FILE]
 */

export const TRAINING_DIR = fromRoot('pipeline', 'understand', 'training', 'sentiment');

/** Class probabilities of each row, through the same path as at run time (English rules, no brand lexicon). */
export function probabilitiesOf(json: SentimentModelJson, rows: readonly LabelledText[]): Float64Array[] {
  const model = sentimentModelFromJson(json);
  const packs = packsFor('en');
  const ev = emptyEvidence();
  return rows.map((r) => {
    const tokens = tokenize(r.text);
    return model.probabilities(tokens, rawSentiment(tokens, packs, null, ev), ev);
  });
}

/** Labels as at run time: the model's where its probability reaches minConfidence, else the rules'. */
function labels(json: SentimentModelJson, rows: readonly LabelledText[], probs: readonly Float64Array[], minConfidence: number): string[] {
  return rows.map((r, i) => {
    const p = probs[i] as Float64Array;
    let best = 0;
    for (let k = 1; k < 3; k++) if ((p[k] as number) > (p[best] as number)) best = k;
    if ((p[best] as number) >= minConfidence) return SENTIMENT_CLASSES[best] as string;
    const s = normalise(rawSentiment(tokenize(r.text), packsFor('en'), null));
    return label(s, { negative: json.rule.negative, positive: json.rule.positive });
  });
}

/** The minConfidence (one of a few round values) that maximises macro-F1 on the given (dev) rows. */
export function fitMinConfidence(json: SentimentModelJson, rows: readonly LabelledText[]): { minConfidence: number; macroF1: number } {
  const probs = probabilitiesOf(json, rows);
  const gold = rows.map((r) => r.label);
  let best = { minConfidence: 0, macroF1: -1 };
  for (const c of [0, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97, 0.99]) {
    const m = score(gold, labels(json, rows, probs, c), SENTIMENT_CLASSES).macroF1;
    console.log(`  minConfidence ${c}: dev macro-F1 ${m.toFixed(4)}`);
    if (m > best.macroF1) best = { minConfidence: c, macroF1: m };
  }
  return best;
}

/**
 * Cross-domain check on earshot's own data: each file (one domain or style) is held out in turn, the model trained
 * on the others; macro-F1 of the rules, of the model alone and of the model at `minConfidence`, over all held-out rows.
 */
export function leaveOneFileOut(options: SentimentTrainOptions, minConfidence: number): Record<string, number> {
  const files = readdirSync(TRAINING_DIR).filter((f) => f.endsWith('.jsonl')).sort();
  const gold: string[] = [];
  const pred: Record<string, string[]> = { rules: [], model: [], [`model ≥ ${minConfidence}`]: [] };
  const ev = emptyEvidence();
  for (const held of files) {
    const test = readSentimentExamples([join(TRAINING_DIR, held)]).examples;
    if (test.length === 0) continue;
    const model = sentimentModelFromJson(trainSentiment(readSentimentExamples(files.filter((f) => f !== held).map((f) => join(TRAINING_DIR, f))).examples, options));
    for (const e of test) {
      const tokens = tokenize(e.text);
      const raw = rawSentiment(tokens, packsFor('en'), null, ev);
      const s = normalise(raw);
      const rule = { score: s, label: label(s, DEFAULT_THRESHOLDS.en) };
      const p = model.probabilities(tokens, raw, ev);
      gold.push(e.label);
      pred.rules?.push(rule.label);
      pred.model?.push(model.classify(tokens, raw, ev, rule).label);
      pred[`model ≥ ${minConfidence}`]?.push(Math.max(p[0] as number, p[1] as number, p[2] as number) >= minConfidence ? model.classify(tokens, raw, ev, rule).label : rule.label);
    }
  }
  return Object.fromEntries(Object.entries(pred).map(([k, v]) => [k, score(gold, v, SENTIMENT_CLASSES).macroF1]));
}

function report(name: string, json: SentimentModelJson, rows: readonly LabelledText[]): void {
  const s = score(rows.map((r) => r.label), labels(json, rows, probabilitiesOf(json, rows), json.minConfidence), SENTIMENT_CLASSES);
  const c = SENTIMENT_CLASSES.map((g) => SENTIMENT_CLASSES.map((p) => s.confusion[g]?.[p] ?? 0).join('/')).join('  ');
  console.log(`${name.padEnd(10)} n=${rows.length} macro-F1 ${s.macroF1.toFixed(4)} acc ${s.accuracy.toFixed(4)} confusion ${c}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { l2: { type: 'string' }, 'dense-l2': { type: 'string' }, epochs: { type: 'string' }, only: { type: 'string' }, 'rule-scale': { type: 'string' }, lr: { type: 'string' }, test: { type: 'boolean' }, 'cross-domain': { type: 'boolean' }, 'min-confidence': { type: 'string' }, write: { type: 'string' } } });
  if (!dataAvailable()) {
    console.log('skipped: ../shared/data is absent');
  } else {
    const inputs = values.only ? values.only.split(',').map((f) => `${TRAINING_DIR}/${f}.jsonl`) : [TRAINING_DIR];
    const { examples, errors, provenance, duplicates } = readSentimentExamples(inputs);
    for (const e of errors) console.error(e);
    const counts = SENTIMENT_CLASSES.map((c) => `${c} ${examples.filter((e) => e.label === c).length}`).join(', ');
    console.log(`training on ${examples.length} examples (${counts}; ${duplicates} duplicate texts skipped): ${provenance}`);
    const t0 = Date.now();
    const options: SentimentTrainOptions = {
      l2: values.l2 === undefined ? undefined : Number(values.l2),
      denseL2: values['dense-l2'] === undefined ? undefined : Number(values['dense-l2']),
      epochs: values.epochs === undefined ? undefined : Number(values.epochs),
      ruleScale: values['rule-scale'] === undefined ? undefined : Number(values['rule-scale']),
      learningRate: values.lr === undefined ? undefined : Number(values.lr),
      provenance: `earshot's own hand-written examples: ${provenance}`,
    };
    const json = trainSentiment(examples, options);
    console.log(`trained in ${Date.now() - t0} ms, ${json.weights.length} n-gram rows`);
    const splits = loadSplits();
    const fit = values['min-confidence'] === undefined ? fitMinConfidence(json, splits.en.dev) : { minConfidence: Number(values['min-confidence']) };
    json.minConfidence = fit.minConfidence;
    console.log(`minConfidence: ${fit.minConfidence}`);
    report('en dev', json, splits.en.dev);
    if (values.test) report('en test', json, splits.en.test);
    if (values['cross-domain']) {
      const r = leaveOneFileOut(options, json.minConfidence);
      console.log(`leave-one-file-out on earshot's own data: ${Object.entries(r).map(([k, v]) => `${k} ${v.toFixed(4)}`).join(', ')}`);
    }
    if (values.write) {
      writeFileSync(values.write, JSON.stringify(json) + '\n');
      console.log(`wrote ${values.write}`);
    }
  }
}

import { readFileSync } from 'node:fs';
import { ValidationError } from '../../core/errors.ts';
import { fromRoot } from '../../core/paths.ts';
import type { SentimentLabel } from '../../core/mention.ts';
import { rng } from '../../core/random.ts';
import { DEFAULT_THRESHOLDS } from './config.ts';
import { ENGLISH_NEGATORS } from './lexicon-en.ts';
import { DIM, fnv, mix, shuffle } from './model.ts';
import { emptyEvidence, ENGLISH, normalise, rawSentiment, type RuleEvidence } from './sentiment.ts';
import { Kind, squashed, tokenize, type Token } from './tokenize.ts';

/**
 * A 3-class (negative / neutral / positive) logistic regression for English
 * sentiment. Its inputs are hashed word uni- and bigrams (words after a
 * negator, up to the end of the clause, are marked as negated) and a few
 * dense features from the rule scorer (its score, the sums of positive and
 * negative valences, `!`, `?`, links, persons, emoji). The rules bring the
 * lexicon; the n-grams learn what the lexicon misses (anticipation, events,
 * complaint phrasing, the flat style of news). Trained by
 * `earshot train --task sentiment` (SGD with L2, fixed seed).
 */

export const SENTIMENT_MODEL_FORMAT = 'earshot-sentiment/1';
/** Trained on training/sentiment/*.jsonl by pipeline/eval/sentiment-model-eval.ts --write. */
export const BUNDLED_SENTIMENT_MODEL = fromRoot('pipeline', 'understand', 'training', 'sentiment-model-en.json');
export const SENTIMENT_CLASSES: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];
const K = 3;
const MASK = DIM - 1;
/** Names of the dense features, in order (stored with the model so a mismatch is caught on load). */
export const DENSE_FEATURES = ['score', 'abs', 'positive', 'negative', 'mixed', 'bang', 'ask', 'url', 'person', 'emotive', 'length', 'handle'] as const;
const D = DENSE_FEATURES.length;
const NEGATED = 0x9e3779b9;

export interface SentimentModelJson {
  format: typeof SENTIMENT_MODEL_FORMAT;
  dim: number;
  /** Where the training data came from (files and line counts). */
  provenance: string;
  trainedOn: number;
  dense: readonly string[];
  /** Per class (negative, neutral, positive). */
  bias: number[];
  /**
   * The model's label replaces the rule label only when its probability reaches this (0 = always). The bundled
   * model's value is fitted on the English dev split (pipeline/eval/sentiment-model-eval.ts).
   */
  minConfidence: number;
  /** Row-major D × 3. */
  denseWeights: number[];
  /**
   * The rule label as a prior: logits scale·(negative − score) for negative and scale·(score − positive)
   * for positive (0 for neutral), whose argmax is the rule label. The learned weights correct it.
   */
  rule: { scale: number; negative: number; positive: number };
  /** [feature index, w negative, w neutral, w positive], non-zero rows only. */
  weights: [number, number, number, number][];
}

export interface SentimentModel {
  json: SentimentModelJson;
  /**
   * Label and score in [-1, 1] (p positive − p negative) from a text's tokens and the rule pass over them; when the
   * model is less sure than `minConfidence`, the rules' own `fallback`.
   */
  classify(tokens: readonly Token[], raw: number, evidence: RuleEvidence, fallback: { score: number; label: SentimentLabel }): { score: number; label: SentimentLabel };
  /** Class probabilities (negative, neutral, positive), written into `out`. */
  probabilities(tokens: readonly Token[], raw: number, evidence: RuleEvidence, out?: Float64Array): Float64Array;
}

/** English function words: bigrams only (measured: +0.005 macro-F1 on SemEval dev; written for earshot). */
const FUNCTION_WORDS: ReadonlySet<string> = new Set(("i me my mine we us our you your he him his she her they them their it its it's i'm the a an and or so to of in on at " +
  'for with from by about as is are was were be been being am do does did have has had will would can could just got get this that these those there ' +
  'here what when where who how which all some any one every out up now then than too also very really like still').split(' '));


function wordOf(t: Token): string {
  const w = t.elongated ? squashed(t.text)[1] : t.text;
  return w.length > 24 ? w.slice(0, 24) : w;
}

/** Hashed uni- and bigram indices; words after a negator (to the end of the clause) are hashed as negated. */
export function sparseFeatures(tokens: readonly Token[], out: number[] = []): number[] {
  out.length = 0;
  let prev = 0x51ed27;
  let negated = false;
  for (const t of tokens) {
    let h: number;
    switch (t.kind) {
      case Kind.Word:
      case Kind.Hashtag: {
        const w = wordOf(t);
        h = fnv(w, 7);
        if (negated) h = mix(h, NEGATED);
        else if (t.kind === Kind.Word && (ENGLISH_NEGATORS.has(w) || w.endsWith("n't"))) negated = true;
        break;
      }
      case Kind.Url: h = 0x1001; break;
      case Kind.Handle: h = 0x1002; break;
      case Kind.Bang: negated = false; h = t.text.includes('?') ? 0x1003 : 0x1004; break;
      case Kind.Break: negated = false; prev = 0x51ed27; continue;
      default: h = fnv(t.text, 7);
    }
    // A function word alone says how people write in one data set ("my", "just" in complaints), not what they feel; in a bigram it can.
    if (t.kind === Kind.Word && FUNCTION_WORDS.has(t.text)) out.push(mix(prev, h) & MASK);
    else out.push(h & MASK, mix(prev, h) & MASK);
    prev = h;
  }
  return out;
}

/** English default label thresholds of the rules, as the rule-label features see them. */
function denseFeatures(tokens: readonly Token[], raw: number, e: RuleEvidence, out: Float64Array): Float64Array {
  const s = normalise(raw);
  out[0] = s;
  out[1] = Math.abs(s);
  out[2] = e.positive / (e.positive + 3);
  out[3] = -e.negative / (3 - e.negative);
  out[4] = e.positive > 0 && e.negative < 0 ? 1 : 0;
  out[5] = e.bangs > 0 ? 1 : 0;
  out[6] = e.asks ? 1 : 0;
  out[7] = e.url ? 1 : 0;
  out[8] = e.person ? 1 : 0;
  out[9] = e.emotive ? 1 : 0;
  out[10] = e.words / (e.words + 10);
  out[11] = tokens[0]?.kind === Kind.Handle ? 1 : 0;
  return out;
}

function softmax(z: Float64Array): void {
  const m = Math.max(z[0] as number, z[1] as number, z[2] as number);
  let sum = 0;
  for (let k = 0; k < K; k++) sum += (z[k] = Math.exp((z[k] as number) - m));
  for (let k = 0; k < K; k++) z[k] = (z[k] as number) / sum;
}

export function sentimentModelFromJson(json: unknown, where = 'model'): SentimentModel {
  const j = json as SentimentModelJson;
  if (!j || typeof j !== 'object' || j.format !== SENTIMENT_MODEL_FORMAT || j.dim !== DIM || !Array.isArray(j.weights)) {
    throw new ValidationError(`is not an earshot sentiment model (expected "format": "${SENTIMENT_MODEL_FORMAT}"); create one with earshot train --task sentiment`, where);
  }
  if (!Array.isArray(j.dense) || j.dense.join() !== DENSE_FEATURES.join() || j.denseWeights?.length !== D * K || j.bias?.length !== K) {
    throw new ValidationError(`was made for other features (${String(j.dense)}); retrain it with this version of earshot train --task sentiment`, where);
  }
  const w = new Float32Array(DIM * K);
  for (const row of j.weights) {
    const i = row[0];
    if (!Number.isInteger(i) || i < 0 || i >= DIM) continue;
    for (let k = 0; k < K; k++) w[i * K + k] = Number(row[k + 1]) || 0;
  }
  const dw = Float64Array.from(j.denseWeights, (v) => Number(v) || 0);
  const bias = Float64Array.from(j.bias, (v) => Number(v) || 0);
  const minConfidence = Number(j.minConfidence) || 0;
  const rule = { scale: Number(j.rule?.scale) || 0, negative: Number(j.rule?.negative) || 0, positive: Number(j.rule?.positive) || 0 };
  const feats: number[] = [];
  const dense = new Float64Array(D);
  const p = new Float64Array(K);

  function probabilities(tokens: readonly Token[], raw: number, evidence: RuleEvidence, out = new Float64Array(K)): Float64Array {
    sparseFeatures(tokens, feats);
    denseFeatures(tokens, raw, evidence, dense);
    const s = dense[0] as number;
    let z0 = (bias[0] as number) + rule.scale * (rule.negative - s);
    let z1 = bias[1] as number;
    let z2 = (bias[2] as number) + rule.scale * (s - rule.positive);
    for (const i of feats) {
      const o = i * K;
      z0 += w[o] as number;
      z1 += w[o + 1] as number;
      z2 += w[o + 2] as number;
    }
    for (let d = 0; d < D; d++) {
      const x = dense[d] as number;
      if (x === 0) continue;
      z0 += x * (dw[d * K] as number);
      z1 += x * (dw[d * K + 1] as number);
      z2 += x * (dw[d * K + 2] as number);
    }
    out[0] = z0;
    out[1] = z1;
    out[2] = z2;
    softmax(out);
    return out;
  }

  return {
    json: j,
    probabilities,
    classify(tokens, raw, evidence, fallback) {
      probabilities(tokens, raw, evidence, p);
      let best = 0;
      for (let k = 1; k < K; k++) if ((p[k] as number) > (p[best] as number)) best = k;
      if ((p[best] as number) < minConfidence) return fallback;
      return { score: Math.round(((p[2] as number) - (p[0] as number)) * 1e4) / 1e4, label: SENTIMENT_CLASSES[best] as SentimentLabel };
    },
  };
}

/** Reads a model file; `minConfidence`, when given, replaces the model's own. */
export function loadSentimentModel(file: string, minConfidence?: number, where = 'understanding.sentiment.model'): SentimentModel {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ValidationError(`cannot read sentiment model ${file}: ${(err as Error).message}`, where);
  }
  return sentimentModelFromJson(minConfidence === undefined ? json : { ...(json as object), minConfidence }, where);
}

export interface SentimentExample { text: string; label: SentimentLabel }

export interface SentimentTrainOptions {
  /** Passes over the data. Default 30. */
  epochs?: number;
  /** SGD step. Default 0.1. */
  learningRate?: number;
  /** L2 penalty per step on the n-gram weights. Default 1e-2 (small hand-written sets: stronger was better on held-out files). */
  l2?: number;
  /** L2 penalty per step on the dense (rule) weights. Default 1e-5. */
  denseL2?: number;
  /** Weight of the rule label as a prior (see SentimentModelJson.rule); 0 = none. Default 8. */
  ruleScale?: number;
  /** Rule thresholds of that prior. Default the English label thresholds. */
  ruleThresholds?: { negative: number; positive: number };
  /** See SentimentModelJson.minConfidence. Default 0: a model trained on your own mentions decides alone. */
  minConfidence?: number;
  provenance?: string;
}

/** Rule pass and features of one text, as the model sees it at run time (English lexicon, no brand overrides). */
function encode(text: string): { sparse: number[]; dense: Float64Array } {
  const tokens = tokenize(text);
  const evidence = emptyEvidence();
  const raw = rawSentiment(tokens, [ENGLISH], null, evidence);
  return { sparse: sparseFeatures(tokens, []), dense: denseFeatures(tokens, raw, evidence, new Float64Array(D)) };
}

export function trainSentiment(examples: readonly SentimentExample[], options: SentimentTrainOptions = {}): SentimentModelJson {
  const epochs = options.epochs ?? 30;
  const lr = options.learningRate ?? 0.1;
  const l2 = options.l2 ?? 1e-2;
  const denseL2 = options.denseL2 ?? 1e-5;
  const rule = { scale: options.ruleScale ?? 8, ...(options.ruleThresholds ?? DEFAULT_THRESHOLDS.en) };
  const data = examples.map((e) => ({ ...encode(e.text), y: SENTIMENT_CLASSES.indexOf(e.label) }));
  const w = new Map<number, Float64Array>();
  const dw = new Float64Array(D * K);
  const bias = new Float64Array(K);
  const z = new Float64Array(K);
  const order = data.map((_, i) => i);
  const rand = rng(42);
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(order, rand);
    const step = lr / (1 + epoch * 0.1);
    for (const idx of order) {
      const ex = data[idx] as (typeof data)[number];
      z.set(bias);
      z[0] = (z[0] as number) + rule.scale * (rule.negative - (ex.dense[0] as number));
      z[2] = (z[2] as number) + rule.scale * ((ex.dense[0] as number) - rule.positive);
      const rows: Float64Array[] = [];
      for (const i of ex.sparse) {
        let r = w.get(i);
        if (!r) w.set(i, (r = new Float64Array(K)));
        rows.push(r);
        for (let k = 0; k < K; k++) z[k] = (z[k] as number) + (r[k] as number);
      }
      for (let d = 0; d < D; d++) for (let k = 0; k < K; k++) z[k] = (z[k] as number) + (ex.dense[d] as number) * (dw[d * K + k] as number);
      softmax(z);
      for (let k = 0; k < K; k++) {
        const g = (z[k] as number) - (k === ex.y ? 1 : 0);
        bias[k] = (bias[k] as number) - step * g;
        for (const r of rows) r[k] = (r[k] as number) - step * (g + l2 * (r[k] as number));
        for (let d = 0; d < D; d++) {
          const o = d * K + k;
          dw[o] = (dw[o] as number) - step * (g * (ex.dense[d] as number) + denseL2 * (dw[o] as number));
        }
      }
    }
  }
  const round = (v: number): number => Math.round(v * 1e4) / 1e4;
  const weights: [number, number, number, number][] = [];
  for (const [i, r] of w) {
    if (Math.abs(r[0] as number) + Math.abs(r[1] as number) + Math.abs(r[2] as number) > 3e-4) weights.push([i, round(r[0] as number), round(r[1] as number), round(r[2] as number)]);
  }
  weights.sort((a, b) => a[0] - b[0]);
  return {
    format: SENTIMENT_MODEL_FORMAT,
    dim: DIM,
    provenance: options.provenance ?? '',
    trainedOn: examples.length,
    dense: [...DENSE_FEATURES],
    bias: Array.from(bias, round),
    minConfidence: options.minConfidence ?? 0,
    denseWeights: Array.from(dw, round),
    rule,
    weights,
  };
}

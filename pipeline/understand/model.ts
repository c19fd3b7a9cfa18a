import { readFileSync } from 'node:fs';
import { ValidationError } from '../../core/errors.ts';
import { INTENT_NAMES, type IntentName } from '../../core/mention.ts';
import { Kind, tokenize, type Token } from './tokenize.ts';
import { rng } from '../../core/random.ts';

/**
 * A small one-vs-rest logistic regression over hashed word uni- and bigrams.
 * Trained by `earshot train` (plain SGD with L2, fixed seed: the same data
 * gives the same model); stored as JSON with only its non-zero weights.
 */

export const MODEL_FORMAT = 'earshot-intents/1';
/** Size of the hashed feature space (shared with the sentiment model). */
export const DIM = 1 << 18;

export interface IntentModelJson {
  format: typeof MODEL_FORMAT;
  dim: number;
  /** Where the training data came from, copied from `earshot train --provenance`. */
  provenance: string;
  trainedOn: number;
  intents: Partial<Record<IntentName, { bias: number; weights: [number, number][] }>>;
}

export interface IntentModel {
  /** Probability per intent the model knows (others absent); takes a text or its tokens. */
  predict(text: string | readonly Token[]): Partial<Record<IntentName, number>>;
  json: IntentModelJson;
}

/** FNV-1a of a string, 32 bits, varied by a seed. */
export function fnv(s: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function hash(s: string, seed: number): number {
  return fnv(s, seed) & (DIM - 1);
}

/** Fisher–Yates with the caller's seeded generator: training order is reproducible. */
export function shuffle(order: number[], rand: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const k = Math.floor(rand() * (i + 1));
    [order[i], order[k]] = [order[k] as number, order[i] as number];
  }
}

/** Combines two 32-bit hashes into one (a bigram's from its words'), without building the bigram string. */
export function mix(a: number, b: number): number {
  return Math.imul(a ^ Math.imul(b, 0x85ebca6b) ^ (b >>> 13), 0xc2b2ae35) >>> 0;
}

const START = fnv('<s>', 1);
const BIAS_TERM = hash('<bias-term>', 3);

/** Hashed feature indices of a text: words, bigrams, and a few shape markers. */
export function features(text: string | readonly Token[]): number[] {
  const out: number[] = [];
  let prev = START;
  for (const t of typeof text === 'string' ? tokenize(text) : text) {
    let w: string;
    if (t.kind === Kind.Word || t.kind === Kind.Hashtag) w = t.text.length > 24 ? t.text.slice(0, 24) : t.text;
    else if (t.kind === Kind.Url) w = '<url>';
    else if (t.kind === Kind.Handle) w = '<at>';
    else if (t.kind === Kind.Bang) w = t.text.includes('?') ? '<?>' : '<!>';
    else if (t.kind === Kind.Break) { prev = START; continue; }
    else w = '<emo>';
    const h = fnv(w, 1);
    out.push(h & (DIM - 1), mix(prev, h) & (DIM - 1));
    prev = h;
  }
  out.push(BIAS_TERM);
  return out;
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-Math.max(-30, Math.min(30, z))));
}

export function modelFromJson(json: unknown, where = 'model'): IntentModel {
  const j = json as IntentModelJson;
  if (!j || typeof j !== 'object' || j.format !== MODEL_FORMAT || j.dim !== DIM || typeof j.intents !== 'object') {
    throw new ValidationError(`is not an earshot intent model (expected "format": "${MODEL_FORMAT}"); create one with earshot train`, where);
  }
  const names: IntentName[] = [];
  const biases: number[] = [];
  for (const name of INTENT_NAMES) {
    const m = j.intents[name];
    if (!m) continue;
    names.push(name);
    biases.push(Number(m.bias) || 0);
  }
  // One row per feature holding every intent's weight: a feature costs one cache miss, not one per intent.
  const T = names.length;
  const w = new Float32Array(DIM * T);
  names.forEach((name, k) => {
    for (const [i, v] of (j.intents[name] as { weights: [number, number][] }).weights) if (Number.isInteger(i) && i >= 0 && i < DIM && Number.isFinite(v)) w[i * T + k] = v;
  });
  const z = new Float64Array(T);
  return {
    json: j,
    predict(text) {
      const f = features(text);
      for (let k = 0; k < T; k++) z[k] = biases[k] as number;
      for (const i of f) {
        const o = i * T;
        for (let k = 0; k < T; k++) z[k] = (z[k] as number) + (w[o + k] as number);
      }
      const out: Partial<Record<IntentName, number>> = {};
      for (let k = 0; k < T; k++) out[names[k] as IntentName] = sigmoid(z[k] as number);
      return out;
    },
  };
}

export function loadModel(file: string): IntentModel {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ValidationError(`cannot read intent model ${file}: ${(err as Error).message}`, 'understanding.intents.model');
  }
  return modelFromJson(json, 'understanding.intents.model');
}

export interface TrainingExample { text: string; intents: readonly IntentName[] }

export interface TrainOptions {
  /** Passes over the data. Default 40. */
  epochs?: number;
  /** SGD step. Default 0.2. */
  learningRate?: number;
  /** L2 penalty per step. Default 1e-4. */
  l2?: number;
  provenance?: string;
}

export function train(examples: readonly TrainingExample[], options: TrainOptions = {}): IntentModelJson {
  const epochs = options.epochs ?? 40;
  const lr = options.learningRate ?? 0.2;
  const l2 = options.l2 ?? 1e-4;
  const feats = examples.map((e) => features(e.text));
  const present = INTENT_NAMES.filter((n) => examples.some((e) => e.intents.includes(n)));
  const out: IntentModelJson = { format: MODEL_FORMAT, dim: DIM, provenance: options.provenance ?? '', trainedOn: examples.length, intents: {} };
  for (const name of present) {
    const w = new Map<number, number>();
    let bias = 0;
    const order = examples.map((_, i) => i);
    const rand = rng(42);
    for (let epoch = 0; epoch < epochs; epoch++) {
      shuffle(order, rand);
      const step = lr / (1 + epoch * 0.1);
      for (const idx of order) {
        const f = feats[idx] as number[];
        let z = bias;
        for (const i of f) z += w.get(i) ?? 0;
        const y = (examples[idx] as TrainingExample).intents.includes(name) ? 1 : 0;
        const g = sigmoid(z) - y;
        bias -= step * g;
        for (const i of f) {
          const cur = w.get(i) ?? 0;
          w.set(i, cur - step * (g + l2 * cur));
        }
      }
    }
    const weights: [number, number][] = [];
    for (const [i, v] of w) if (Math.abs(v) > 1e-4) weights.push([i, Math.round(v * 1e5) / 1e5]);
    weights.sort((a, b) => a[0] - b[0]);
    out.intents[name] = { bias: Math.round(bias * 1e5) / 1e5, weights };
  }
  return out;
}

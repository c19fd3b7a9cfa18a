import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { INTENT_NAMES, type IntentName } from '../../core/mention.ts';
import { createUnderstander, understandingSchema, type Understander } from '../understand/index.ts';
import { binary, type ClassScores } from './metrics.ts';

/**
 * Intent scores on earshot's own labelled sets. The test file
 * (pipeline/eval/intents-test.jsonl) was written by hand, separately from the
 * training file, with other phrasings and hard negatives ("I was looking for my
 * keys"); it is never used for training or for choosing rules' weights.
 */
export const INTENT_TEST_FILE = fileURLToPath(new URL('./intents-test.jsonl', import.meta.url));
export const INTENT_TRAIN_FILE = fileURLToPath(new URL('../understand/training/intents-train.jsonl', import.meta.url));

export interface IntentRow { text: string; intents: IntentName[]; lang: string }

export function readIntentRows(file: string): IntentRow[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as IntentRow);
}

export function evaluateIntents(rows: readonly IntentRow[], u: Understander = createUnderstander({ ...understandingSchema.parse({}), brands: [] })): Record<IntentName, ClassScores> {
  const predicted = rows.map((r) => new Set(u.understand(r.text, { language: r.lang }).intents.map((i) => i.name)));
  const out = {} as Record<IntentName, ClassScores>;
  for (const name of INTENT_NAMES) out[name] = binary(rows.map((r) => r.intents.includes(name)), predicted.map((p) => p.has(name)));
  return out;
}

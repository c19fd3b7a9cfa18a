import { readFileSync } from 'node:fs';
import { ValidationError } from '../../core/errors.ts';
import { INTENT_NAMES, type IntentName } from '../../core/mention.ts';
import type { TrainingExample } from './model.ts';

const NAMES = new Set<string>(INTENT_NAMES);

function intentName(v: unknown, where: string): IntentName | null {
  const name = typeof v === 'string' ? v : v && typeof v === 'object' ? (v as { name?: unknown }).name : undefined;
  if (typeof name !== 'string') throw new ValidationError('must be an intent name or {"name": …}', where);
  const n = name.trim().toLowerCase().replace(/[\s-]+/g, '_');
  if (n === '' || n === 'none' || n === 'other') return null;
  if (!NAMES.has(n)) throw new ValidationError(`unknown intent "${name}"; use one of ${INTENT_NAMES.join(', ')} or "none"`, where);
  return n as IntentName;
}

/**
 * Reads labelled mentions for `earshot train`: JSONL, one object per line with
 * `text` and either `intents` (array of names or {name}) or `label` (one name,
 * or "none"). Bad lines are reported with their number and skipped.
 */
export function parseExamples(jsonl: string): { examples: TrainingExample[]; errors: string[] } {
  const examples: TrainingExample[] = [];
  const errors: string[] = [];
  jsonl.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const obj = JSON.parse(line) as Record<string, unknown>;
      if (!obj || typeof obj !== 'object' || typeof obj.text !== 'string') throw new ValidationError('is required (a string)', 'text');
      let intents: IntentName[];
      if (Array.isArray(obj.intents)) intents = obj.intents.map((v, j) => intentName(v, `intents[${j}]`)).filter((n): n is IntentName => n !== null);
      else if (obj.label !== undefined) intents = [intentName(obj.label, 'label')].filter((n): n is IntentName => n !== null);
      else throw new ValidationError('give "intents": [...] or "label": "..."', 'intents');
      examples.push({ text: obj.text, intents: [...new Set(intents)] });
    } catch (err) {
      const msg = (err as Error).message;
      errors.push(`line ${i + 1}: ${msg}`);
    }
  });
  return { examples, errors };
}

export function readExamples(file: string): { examples: TrainingExample[]; errors: string[] } {
  return parseExamples(readFileSync(file, 'utf8'));
}

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ValidationError } from '../../core/errors.ts';
import { INTENT_NAMES, type IntentName, type SentimentLabel } from '../../core/mention.ts';
import type { TrainingExample } from './model.ts';
import type { SentimentExample } from './sentiment-model.ts';

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

const SENTIMENT_LABELS: Readonly<Record<string, SentimentLabel>> = {
  negative: 'negative', neg: 'negative', '-1': 'negative',
  neutral: 'neutral', neu: 'neutral', '0': 'neutral',
  positive: 'positive', pos: 'positive', '1': 'positive',
};

/**
 * Reads labelled mentions for `earshot train --task sentiment`: JSONL with
 * `text` and `label` (negative / neutral / positive); lines whose `lang` is
 * set and not English are left out (the model reads English). Bad lines are
 * reported with their number and skipped.
 */
export function parseSentimentExamples(jsonl: string): { examples: SentimentExample[]; errors: string[]; otherLanguage: number } {
  const examples: SentimentExample[] = [];
  const errors: string[] = [];
  let otherLanguage = 0;
  jsonl.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const obj = JSON.parse(line) as Record<string, unknown>;
      if (!obj || typeof obj !== 'object' || typeof obj.text !== 'string') throw new ValidationError('is required (a string)', 'text');
      const label = SENTIMENT_LABELS[String(obj.label).trim().toLowerCase()];
      if (!label) throw new ValidationError(`must be negative, neutral or positive (got ${JSON.stringify(obj.label)})`, 'label');
      if (typeof obj.lang === 'string' && obj.lang !== '' && obj.lang !== 'en' && obj.lang !== 'und') otherLanguage++;
      else examples.push({ text: obj.text, label });
    } catch (err) {
      errors.push(`line ${i + 1}: ${(err as Error).message}`);
    }
  });
  return { examples, errors, otherLanguage };
}

/**
 * Reads files, or every *.jsonl in a folder, in name order; a text seen
 * before (exactly) is skipped. The provenance names each file and its
 * example count.
 */
export function readSentimentExamples(paths: readonly string[]): { examples: SentimentExample[]; errors: string[]; provenance: string; duplicates: number; otherLanguage: number } {
  const files: string[] = [];
  for (const p of paths) {
    if (statSync(p).isDirectory()) files.push(...readdirSync(p).filter((f) => f.endsWith('.jsonl')).sort().map((f) => join(p, f)));
    else files.push(p);
  }
  const seen = new Set<string>();
  const examples: SentimentExample[] = [];
  const errors: string[] = [];
  const parts: string[] = [];
  let duplicates = 0;
  let otherLanguage = 0;
  for (const file of files) {
    const r = parseSentimentExamples(readFileSync(file, 'utf8'));
    otherLanguage += r.otherLanguage;
    let kept = 0;
    for (const e of r.examples) {
      const key = e.text.trim();
      if (seen.has(key)) { duplicates++; continue; }
      seen.add(key);
      examples.push(e);
      kept++;
    }
    for (const e of r.errors) errors.push(`${file}: ${e}`);
    if (kept > 0) parts.push(`${basename(file)} (${kept})`);
  }
  return { examples, errors, duplicates, otherLanguage, provenance: parts.join(', ') };
}

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SentimentLabel } from '../../core/mention.ts';

/**
 * The public labelled sentiment sets, read in place from ../shared/data (they
 * must never be copied into this repository). Each set is split once, by a
 * hash of the row id, into a dev part (70%, the only part any threshold is
 * tuned on) and a test part (30%, only ever scored).
 */

export const DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/data');

export interface LabelledText { id: string; text: string; label: SentimentLabel; lang: string; set: string }

export const SENTIMENT_SETS = [
  { name: 'sb10k', lang: 'de', file: 'sentiment/sb10k.jsonl' },
  { name: 'germeval2017_dev', lang: 'de', file: 'sentiment/germeval2017_dev.jsonl' },
  { name: 'semeval2013-2016', lang: 'en', file: 'sentiment/semeval2013-2016_train_dev.jsonl' },
] as const;

/** FNV-1a, 32 bit: a stable split that does not depend on file order. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function isTest(id: string): boolean {
  return fnv1a(id) % 10 < 3;
}

export function dataAvailable(dir = DATA_DIR): boolean {
  return SENTIMENT_SETS.every((s) => existsSync(join(dir, s.file)));
}

export function loadSet(file: string, set: string, dir = DATA_DIR): LabelledText[] {
  const out: LabelledText[] = [];
  for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as { id: string; text: string; label: SentimentLabel; lang: string };
    out.push({ id: r.id, text: r.text, label: r.label, lang: r.lang, set });
  }
  return out;
}

export interface Splits { dev: LabelledText[]; test: LabelledText[] }

/** Per language: dev and test parts, pooled over that language's sets. */
export function loadSplits(dir = DATA_DIR): Record<'de' | 'en', Splits> {
  const out: Record<'de' | 'en', Splits> = { de: { dev: [], test: [] }, en: { dev: [], test: [] } };
  for (const s of SENTIMENT_SETS) {
    for (const r of loadSet(s.file, s.name, dir)) (isTest(r.id) ? out[s.lang].test : out[s.lang].dev).push(r);
  }
  return out;
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eld } from 'eld/small';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../core/paths.ts';
import { eldReliableLanguage } from './eld-small.ts';

/** eld's own answer, as language.ts used to ask for it. */
function reference(text: string): string {
  const r = eld.detect(text);
  return r.language && r.isReliable() ? r.language : '';
}

function trainingTexts(): string[] {
  const dir = fromRoot('pipeline', 'understand', 'training', 'sentiment');
  const files = [...readdirSync(dir).map((f) => join(dir, f)), fromRoot('pipeline', 'understand', 'training', 'intents-train.jsonl')];
  return files.flatMap((f) => readFileSync(f, 'utf8').split('\n').filter((l) => l.trim()).map((l) => (JSON.parse(l) as { text: string }).text));
}

describe('eldReliableLanguage', () => {
  it('answers as eld.detect(…).isReliable() does on the training texts, cut short and in capitals too', () => {
    const texts = trainingTexts();
    expect(texts.length).toBeGreaterThan(1000);
    const differ = texts.flatMap((t) => [t, t.slice(0, 25), t.toUpperCase()]).filter((t) => eldReliableLanguage(t) !== reference(t));
    expect(differ).toEqual([]);
  });

  it('answers as eld does on other scripts, long texts and edge cases', () => {
    for (const t of ['', 'a', 'abc', 'Привет, как дела? Всё хорошо', 'これは日本語のテキストです', 'Ceci est une phrase en français, évidemment.',
      '😀😀😀', 'x'.repeat(3000), 'Ünïcödé wörds ïn á row '.repeat(60), '𝒜𝒷𝒸 astral letters', "don't won't can't", '\ud800 lone surrogate']) {
      expect(eldReliableLanguage(t)).toBe(reference(t));
    }
  });

  it('answers as eld does on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (t) => eldReliableLanguage(t) === reference(t)), { numRuns: 500 });
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createUnderstander, understandingSchema } from '../understand/index.ts';
import { benchClassify } from './bench.ts';
import { dataAvailable, fnv1a, isTest } from './data.ts';
import { evaluateIntents, INTENT_TEST_FILE, readIntentRows } from './intent-eval.ts';
import { binary, score } from './metrics.ts';

describe('eval metrics', () => {
  it('computes accuracy, macro-F1 and the confusion matrix', () => {
    const s = score(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b'], ['a', 'b']);
    expect(s.accuracy).toBe(0.75);
    expect(s.confusion).toEqual({ a: { a: 1, b: 1 }, b: { a: 0, b: 2 } });
    expect(s.perClass.a?.f1).toBeCloseTo(2 / 3, 6);
    expect(s.perClass.b?.f1).toBeCloseTo(0.8, 6);
    expect(s.macroF1).toBeCloseTo((2 / 3 + 0.8) / 2, 6);
    expect(binary([true, true, false, false], [true, false, true, false])).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
  });
  it('splits by a stable hash of the id (about 30% test)', () => {
    expect(fnv1a('abc')).toBe(0x1a47e90b);
    const ids = Array.from({ length: 10_000 }, (_, i) => `id${i}`);
    const share = ids.filter(isTest).length / ids.length;
    expect(share).toBeGreaterThan(0.27);
    expect(share).toBeLessThan(0.33);
  });
  it('knows when the public data folder is absent', () => {
    expect(dataAvailable(mkdtempSync(join(tmpdir(), 'earshot-nodata-')))).toBe(false);
  });
  it('benchClassify returns throughput and memory', () => {
    const r = benchClassify({ mentions: 3000 });
    expect(r.mentions).toBe(3000);
    expect(r.mentionsPerSecond).toBeGreaterThan(0);
    expect(r.rssMb).toBeGreaterThan(0);
  });
});

describe('lead detection on the held-out intent file', () => {
  it('meets precision ≥ 0.8 at recall ≥ 0.6', () => {
    const lead = evaluateIntents(readIntentRows(INTENT_TEST_FILE)).lead;
    expect(lead.support).toBeGreaterThanOrEqual(20);
    expect(lead.precision).toBeGreaterThanOrEqual(0.8);
    expect(lead.recall).toBeGreaterThanOrEqual(0.6);
  });
});

describe('earshot train (CLI)', () => {
  it('trains from JSONL, reports skipped lines, and writes a loadable model', () => {
    const dir = mkdtempSync(join(tmpdir(), 'earshot-train-'));
    const input = join(dir, 'labelled.jsonl');
    const output = join(dir, 'model.json');
    writeFileSync(input, ['{"text":"where can I buy it","intents":["lead"]}', '{"text":"nice day","label":"none"}', '{"text":"x","label":"nope"}'].join('\n'));
    const bin = join(import.meta.dirname, '../../bin/earshot.js');
    let stdout = '';
    try {
      stdout = execFileSync(process.execPath, [bin, 'train', '--input', input, '--output', output], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      throw new Error(`train failed: ${(err as { stderr?: string }).stderr ?? String(err)}`);
    }
    expect(stdout).toMatch(/trained on 2 examples .*1 line\(s\) skipped/);
    const model = JSON.parse(readFileSync(output, 'utf8')) as { format: string; intents: Record<string, unknown> };
    expect(model.format).toBe('earshot-intents/1');
    expect(Object.keys(model.intents)).toEqual(['lead']);
  });

  it('--task sentiment trains from a folder of JSONL files, and the understander reads the model from understanding.sentiment.model', () => {
    const dir = mkdtempSync(join(tmpdir(), 'earshot-train-sentiment-'));
    const rows = (label: string, texts: string[]) => texts.map((text) => JSON.stringify({ text, label, lang: 'en' }));
    writeFileSync(join(dir, 'a.jsonl'), [
      ...rows('negative', ['waited an hour and nobody came', 'nobody answered, waited all day', 'parcel lost again, nobody answers', 'waited on hold and nobody picked up']),
      ...rows('positive', ['thank you, the crew was wonderful', 'wonderful crew, thank you all', 'thank you for the upgrade', 'the crew made our day, thank you']),
    ].join('\n'));
    writeFileSync(join(dir, 'b.jsonl'), [
      ...rows('neutral', ['the shop opens at nine on mondays', 'the office opens at nine', 'opens at nine, closes at six', 'the desk opens at nine tomorrow']),
      '{"text":"waited an hour and nobody came","label":"negative"}', '{"text":"Zug fällt aus","label":"negative","lang":"de"}', '{"text":"x","label":"great"}',
    ].join('\n'));
    const output = join(dir, 'model.json');
    const bin = join(import.meta.dirname, '../../bin/earshot.js');
    let stdout = '';
    try {
      stdout = execFileSync(process.execPath, [bin, 'train', '--task', 'sentiment', '--input', dir, '--output', output], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      throw new Error(`train failed: ${(err as { stderr?: string }).stderr ?? String(err)}`);
    }
    expect(stdout).toMatch(/trained on 12 examples \(negative 4, neutral 4, positive 4\); 1 line\(s\) skipped, 1 in other languages left out, 1 duplicate text\(s\)/);
    const model = JSON.parse(readFileSync(output, 'utf8')) as { format: string; provenance: string };
    expect(model.format).toBe('earshot-sentiment/1');
    expect(model.provenance).toMatch(/a\.jsonl \(8\), b\.jsonl \(4\)/);
    const u = createUnderstander({ ...understandingSchema.parse({ sentiment: { model: output } }), brands: [] });
    expect(u.understand('nobody came, we waited', { language: 'en' }).sentiment.label).toBe('negative');
    expect(u.understand('it opens at nine', { language: 'en' }).sentiment.label).toBe('neutral');
    expect(u.understand('thank you, wonderful', { language: 'en' }).sentiment.label).toBe('positive');
  });
});

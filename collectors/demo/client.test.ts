import { MockAgent } from 'undici';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/logger.ts';
import { INTENT_NAMES, toMention } from '../../core/mention.ts';
import { Metrics } from '../../core/metrics.ts';
import { collectorContract } from '../contract.ts';
import type { BrandConfig } from '../../config/schema.ts';
import demo from './index.ts';
import { FICTIONAL_BRAND, generateDemo } from './generate.ts';

const NOW = Date.parse('2026-03-02T16:00:00Z');

collectorContract({
  definition: demo,
  options: { perMinute: 10 },
  now: NOW,
  name: 'demo',
  minMentions: 5,
  bounded: { options: { perMinute: 10, maxItemsPerRun: 4 }, maxItems: 4 },
});

const brand = (name: string, competitors: string[] = []): BrandConfig => ({ name, query: name, languages: [], competitors, lexicon: {} });
const gen = (from: number, to: number, brands: BrandConfig[] = [], seed = 1) =>
  generateDemo(from, to, 10_000, { brands, perMinute: 12, seed, source: 'demo' });

describe('demo collector', () => {
  it('is deterministic and cut-independent: one long window equals many short runs', () => {
    const whole = gen(NOW - 3_600_000, NOW);
    const pieces = [];
    for (let t = NOW - 3_600_000; t < NOW; t += 10_000) pieces.push(...gen(t, t + 10_000));
    expect(pieces.map((m) => m.id)).toEqual(whole.map((m) => m.id));
    expect(new Set(whole.map((m) => m.id)).size).toBe(whole.length);
    expect(gen(NOW - 3_600_000, NOW, [], 2).map((m) => m.text)).not.toEqual(whole.map((m) => m.text));
  });

  it('is labelled demo data, talks about the configured brands in de and en, with varied intents', () => {
    const ms = gen(NOW - 6 * 3_600_000, NOW, [brand('Acme', ['Globex']), brand('Globex')]);
    expect(ms.length).toBeGreaterThan(500);
    for (const m of ms) {
      expect(m.demo).toBe(true);
      expect(m.text).toMatch(/Acme|Globex/);
      toMention(m, { now: NOW, maxTextLength: 10_000 });
    }
    expect(new Set(ms.map((m) => m.language))).toEqual(new Set(['de', 'en']));
    const intents = new Set(ms.map((m) => m.demoIntent));
    for (const i of ['question', 'complaint', 'praise', 'lead', 'crisis', 'spam']) expect(intents).toContain(i);
    expect(INTENT_NAMES.length).toBeGreaterThan(0);
    expect(Math.max(...ms.map((m) => m.author!.followers ?? 0))).toBeGreaterThan(100_000);
  });

  it('without brands, talks about the fictional brand from its README', () => {
    expect(gen(NOW - 600_000, NOW).every((m) => m.text.includes(FICTIONAL_BRAND))).toBe(true);
  });

  it('a run returns a few mentions since the cursor; the cursor is the last generated time', async () => {
    const clock = new FakeClock(NOW);
    const c = demo.create(demo.options.parse({}), { name: 'demo', dispatcher: new MockAgent(), clock, logger: silentLogger, metrics: new Metrics(), brands: [] });
    const signal = new AbortController().signal;
    const first = await c.collect({ cursor: null, signal });
    expect(first.cursor).toEqual({ last: NOW });
    await clock.advance(10_000);
    const second = await c.collect({ cursor: first.cursor, signal });
    expect(second.mentions.length).toBeLessThan(15);
    for (const m of second.mentions) expect(Date.parse(m.publishedAt)).toBeGreaterThan(NOW);
    expect(second.cursor).toEqual({ last: NOW + 10_000 });
  });
});

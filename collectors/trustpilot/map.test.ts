import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/errors.ts';
import { toMention } from '../../core/mention.ts';
import { mapTrustpilotPage, mapTrustpilotReview } from './map.ts';

const load = (f: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${f}`, import.meta.url), 'utf8'));
const BU = '5a9d3e2f6c3b4a0001c0ffee';
const out = mapTrustpilotPage(load('reviews-page1.json'), 'tp', BU);
const byId = new Map(out.mentions.map((m) => [m.id, m]));

describe('trustpilot map: fixtures (Business Units API reviews response)', () => {
  it.each([
    ['65e2f0a1b2c3d4e5f6a7b801', 'entities decoded, emoji kept, consumer, likes, company reply', {
      text: 'Order #123 arrived broken. Customer service ignores me 😤', title: 'Never again & never on time', rating: 1, language: 'en',
      publishedAt: '2026-03-02T14:05:31.000Z', url: 'https://www.trustpilot.com/reviews/65e2f0a1b2c3d4e5f6a7b801', country: 'de',
      author: { id: '5f1a2b3c4d5e6f7a8b9c0d1e', name: 'Jane D.', url: 'https://www.trustpilot.com/users/5f1a2b3c4d5e6f7a8b9c0d1e' },
      engagement: { likes: 4, shares: 0, replies: 1 }, businessUnitId: BU,
    }],
    ['65e2f0a1b2c3d4e5f6a7b802', 'deleted consumer (empty object): no author', { text: 'Schneller Versand, gerne wieder! 👍', language: 'de', author: undefined }],
    ['65e2f0a1b2c3d4e5f6a7b803', 'double-encoded markup stripped; no title; "xx" is kept as a tag', { text: 'Good value', title: undefined, author: { name: 'Ümit' } }],
    ['65e2f0a1b2c3d4e5f6a7b805', 'consumer null, very long text kept', { author: undefined }],
  ])('%s — %s', (id, _why, expected: Record<string, unknown>) => {
    const m = byId.get(id);
    const present = Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined));
    expect(m).toMatchObject({ source: 'tp', id, ...present });
    for (const k of Object.keys(expected).filter((k) => expected[k] === undefined)) expect(m).not.toHaveProperty(k);
  });

  it('rejects with the field named, reads next-page', () => {
    expect(out.rejects.map((r) => r.reason)).toEqual(['stars: must be 1–5, got 9', 'id: missing or malformed review id']);
    expect([out.hasNext, out.read]).toEqual([true, 6]);
    expect(byId.get('65e2f0a1b2c3d4e5f6a7b805')?.text.length).toBe('Too slow.'.length * 3000 + 2999);
    for (const m of out.mentions) toMention(m, { now: 0, maxTextLength: 100_000 });
    const p2 = mapTrustpilotPage(load('reviews-page2.json'), 'tp', BU);
    expect(p2.hasNext).toBe(false);
    expect(p2.mentions[0]?.text).toBe('Caf\uFFFD ok');
  });
});

describe('trustpilot map: fuzzed payloads', () => {
  const review = fc.record({
    id: fc.oneof(fc.stringMatching(/^[0-9a-f]{24}$/), fc.anything()),
    stars: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.anything()),
    title: fc.oneof(fc.string(), fc.anything()),
    text: fc.oneof(fc.string(), fc.constant('&amp;&lt;script&gt;'), fc.anything()),
    createdAt: fc.oneof(fc.date({ noInvalidDate: true, min: new Date(0) }).map((d) => d.toISOString()), fc.anything()),
    consumer: fc.oneof(fc.record({ id: fc.anything(), displayName: fc.anything() }, { requiredKeys: [] }), fc.anything()),
    language: fc.anything(),
    location: fc.anything(),
    numberOfLikes: fc.anything(),
    companyReply: fc.anything(),
  }, { requiredKeys: [] });
  it('every review becomes a valid mention or a reject', () => {
    fc.assert(fc.property(fc.array(fc.oneof(review, fc.anything())), (reviews) => {
      const r = mapTrustpilotPage({ reviews }, 'tp', BU);
      expect(r.mentions.length + r.rejects.length + r.skipped).toBe(reviews.length);
      for (const m of r.mentions) toMention(m, { now: 0, maxTextLength: 100_000 });
    }), { numRuns: 300 });
  });
  it('mapTrustpilotReview throws only ValidationError', () => {
    fc.assert(fc.property(fc.anything(), (x) => {
      try {
        mapTrustpilotReview(x, 'tp', BU);
      } catch (err) {
        expect(err).toBeInstanceOf(ValidationError);
      }
    }));
  });
});

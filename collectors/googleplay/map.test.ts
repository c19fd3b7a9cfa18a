import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/errors.ts';
import { toMention } from '../../core/mention.ts';
import { SkipItem } from '../payload.ts';
import { mapPlayPage, mapPlayReview } from './map.ts';

const load = (f: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${f}`, import.meta.url), 'utf8'));
const PKG = 'com.acme.app';
const out = mapPlayPage(load('reviews-page1.json'), 'play', PKG);
const byId = new Map(out.mentions.map((m) => [m.id, m]));

describe('googleplay map: fixtures (androidpublisher v3 reviews.list)', () => {
  it.each([
    ['gp:AOqpTOE1', 'title\\tbody split, entities decoded, emoji, developer reply, thumbs up', {
      title: 'Crashes on start', text: 'Since the update it crashes & I lost my notes 😡', rating: 1, language: 'en', country: 'us',
      publishedAt: '2026-03-02T14:00:00.000Z', author: { name: 'Jane Doe' }, engagement: { likes: 3, shares: 0, replies: 1 },
      url: 'https://play.google.com/store/apps/details?id=com.acme.app&reviewId=gp%3AAOqpTOE1', appVersion: '4.2.1', device: 'a10', packageName: PKG,
    }],
    ['gp:AOqpTOE2', 'deleted author (no authorName), empty title', { text: 'Love it, works great ❤️', title: undefined, author: undefined, language: 'de', country: 'de' }],
    ['gp:AOqpTOE3', 'title only becomes the text; bare "fr" has no country', { text: 'Title only', title: undefined, language: 'fr', country: undefined }],
  ])('%s — %s', (id, _why, expected: Record<string, unknown>) => {
    const m = byId.get(id);
    const present = Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined));
    expect(m).toMatchObject({ source: 'play', id, ...present });
    for (const k of Object.keys(expected).filter((k) => expected[k] === undefined)) expect(m).not.toHaveProperty(k);
  });

  it('rejects, skips and pages', () => {
    expect(out.rejects.map((r) => r.reason)).toEqual(['comments[].userComment.starRating: must be 1–5, got 0']);
    expect(out.skipped).toBe(1);
    expect(out.nextToken).toBe('CpsBCpYB');
    expect(byId.get('gp:AOqpTOE6')?.text.length).toBe('Slow app.'.length * 3000 + 2999);
    for (const m of out.mentions) toMention(m, { now: 0, maxTextLength: 100_000 });
    const p2 = mapPlayPage(load('reviews-page2.json'), 'play', PKG);
    expect([p2.nextToken, p2.mentions[0]?.text]).toEqual([null, 'Caf\uFFFD ok']);
  });
});

describe('googleplay map: fuzzed payloads', () => {
  const userComment = fc.record({
    text: fc.oneof(fc.string(), fc.constant('T\t&lt;b&gt;'), fc.anything()),
    lastModified: fc.oneof(fc.record({ seconds: fc.oneof(fc.integer({ min: 1, max: 2_000_000_000 }).map(String), fc.anything()), nanos: fc.anything() }), fc.anything()),
    starRating: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.anything()),
    reviewerLanguage: fc.anything(),
    thumbsUpCount: fc.anything(),
    appVersionName: fc.anything(),
    device: fc.anything(),
  }, { requiredKeys: [] });
  const review = fc.record({
    reviewId: fc.oneof(fc.string({ minLength: 1 }), fc.anything()),
    authorName: fc.anything(),
    comments: fc.oneof(fc.array(fc.oneof(fc.record({ userComment }), fc.record({ developerComment: fc.anything() }), fc.anything())), fc.anything()),
  }, { requiredKeys: [] });
  it('every review becomes a valid mention, a reject or a skip', () => {
    fc.assert(fc.property(fc.array(fc.oneof(review, fc.anything())), (reviews) => {
      const r = mapPlayPage({ reviews }, 'play', PKG);
      expect(r.mentions.length + r.rejects.length + r.skipped).toBe(reviews.length);
      for (const m of r.mentions) toMention(m, { now: 0, maxTextLength: 100_000 });
    }), { numRuns: 300 });
  });
  it('mapPlayReview throws only ValidationError or SkipItem', () => {
    fc.assert(fc.property(fc.anything(), (x) => {
      try {
        mapPlayReview(x, 'play', PKG);
      } catch (err) {
        expect(err instanceof ValidationError || err instanceof SkipItem).toBe(true);
      }
    }));
  });
});

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/errors.ts';
import { toMention } from '../../core/mention.ts';
import { SkipItem } from '../payload.ts';
import { mapAppstorePage, mapReview } from './map.ts';

const load = (f: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${f}`, import.meta.url), 'utf8'));
const app = { appId: '284882215', country: 'us' };
const out = mapAppstorePage(load('reviews-page1.json'), 'appstore', app);
const byId = new Map(out.mentions.map((m) => [m.id, m]));

describe('appstore map: fixtures/reviews-page1.json (customerreviews JSON feed)', () => {
  it.each([
    ['11000000005', 'entities decoded, emoji kept, offset time → UTC, rating/country/version', {
      text: 'Since 4.2 the app crashes every time I log in. Support says "reinstall" 😡', title: 'Crashes on login & loses my data',
      publishedAt: '2026-03-02T13:10:00.000Z', rating: 1, country: 'us', appVersion: '4.2.0', appId: '284882215',
      author: { id: '1005', name: 'jane d.', url: 'https://itunes.apple.com/us/reviews/id1005' },
      url: 'https://apps.apple.com/us/app/id284882215?see-all=reviews',
    }],
    ['11000000004', 'deleted author: no author at all', { text: 'Love it ❤️ works great', rating: 5, author: undefined }],
    ['11000000003', 'title only: the title becomes the text', { text: 'Titre seul', title: undefined, rating: 3, publishedAt: '2026-03-01T09:00:00.000Z' }],
    ['10999999999', 'a non-UTF-8 byte (lone surrogate) becomes U+FFFD', { text: 'Caf\uFFFD bad byte' }],
  ])('%s — %s', (id, _why, expected: Record<string, unknown>) => {
    const m = byId.get(id);
    const present = Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined));
    expect(m).toMatchObject({ source: 'appstore', id, ...present });
    for (const k of Object.keys(expected).filter((k) => expected[k] === undefined)) expect(m).not.toHaveProperty(k);
  });

  it('keeps very long reviews whole up to the cap', () => {
    expect(byId.get('11000000001')?.text.length).toBe('Slow.'.length * 4000 + 3999);
  });

  it('rejects bad ratings and dates with the field named', () => {
    expect(out.rejects.map((r) => r.reason)).toEqual(['im:rating.label: must be a rating 1–5, got "7"', 'updated.label: must be an ISO 8601 date, got "yesterday"']);
    for (const m of out.mentions) toMention(m, { now: 0, maxTextLength: 100_000 });
  });

  it('one entry as an object, the legacy app-metadata entry, and a page past the end', () => {
    expect(mapAppstorePage(load('reviews-page2.json'), 'a', app).mentions.map((m) => m.id)).toEqual(['10999999990']);
    const legacy = mapAppstorePage(load('reviews-legacy.json'), 'a', app);
    expect([legacy.mentions.length, legacy.skipped]).toEqual([1, 1]);
    expect(mapAppstorePage(load('reviews-empty.json'), 'a', app).mentions).toEqual([]);
    expect(() => mapAppstorePage({ error: 'x' }, 'a', app)).toThrow(ValidationError);
  });
});

describe('appstore map: fuzzed payloads', () => {
  const lab = <T>(a: fc.Arbitrary<T>) => fc.oneof(a.map((label) => ({ label })), fc.anything());
  const entry = fc.record({
    id: lab(fc.oneof(fc.bigInt({ min: 1n, max: 10n ** 12n }).map(String), fc.string())),
    'im:rating': lab(fc.oneof(fc.integer({ min: 0, max: 6 }).map(String), fc.string())),
    title: lab(fc.string()),
    content: lab(fc.oneof(fc.string(), fc.constant('a &amp; <b>b</b>'))),
    updated: lab(fc.oneof(fc.date({ noInvalidDate: true, min: new Date(0) }).map((d) => d.toISOString()), fc.string())),
    author: fc.oneof(fc.record({ name: lab(fc.string()), uri: lab(fc.string()) }, { requiredKeys: [] }), fc.anything()),
    'im:version': lab(fc.string()),
    'im:name': fc.anything(),
  }, { requiredKeys: [] });
  it('every entry becomes a valid mention, a reject or a skip', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(entry, fc.anything())), (entries) => {
        const r = mapAppstorePage({ feed: { entry: entries } }, 'appstore', app);
        expect(r.mentions.length + r.rejects.length + r.skipped).toBe(entries.length);
        for (const m of r.mentions) toMention(m, { now: 0, maxTextLength: 100_000 });
      }),
      { numRuns: 300 },
    );
  });
  it('mapReview throws only ValidationError or SkipItem', () => {
    fc.assert(fc.property(fc.anything(), (x) => {
      try {
        mapReview(x, 'a', app);
      } catch (err) {
        expect(err instanceof ValidationError || err instanceof SkipItem).toBe(true);
      }
    }));
  });
});

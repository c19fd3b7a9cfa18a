import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/errors.ts';
import { toMention } from '../../core/mention.ts';
import { SkipItem } from '../payload.ts';
import { mapHnHit, mapHnPage } from './map.ts';

const body: unknown = JSON.parse(readFileSync(new URL('./fixtures/search_by_date.json', import.meta.url), 'utf8'));
const out = mapHnPage(body, 'hackernews');
const byId = new Map(out.mentions.map((m) => [m.id, m]));

describe('hackernews map: fixtures/search_by_date.json (documented Algolia hit shape)', () => {
  it.each([
    ['43210001', 'link story: text is the title, the linked page kept as `link`', {
      text: 'Show HN: Acme-compatible open firmware', title: 'Show HN: Acme-compatible open firmware',
      url: 'https://news.ycombinator.com/item?id=43210001', link: 'https://github.com/example/acme-fw',
      publishedAt: '2026-03-02T14:05:31.000Z', author: { id: 'tinkerer', name: 'tinkerer' }, engagement: { likes: 87, replies: 23 },
      parentId: undefined,
    }],
    ['43210002', 'Ask HN: HTML story_text to text, entities decoded', {
      text: 'Ask HN: Is Acme\'s API down for anyone else?\n\nSince 09:00 UTC every call returns 503 & their status page says "all good".\nAnyone else?',
    }],
    ['43210003', 'comment: HTML stripped, parentId and story title, emoji kept', {
      text: 'Same here. Their SDK throws ECONNRESET / timeouts. https://status.acme.example 🙃',
      parentId: '43210002', title: 'Ask HN: Is Acme\'s API down for anyone else?', engagement: { likes: 0, replies: 0 },
    }],
    ['43210006', 'broken UTF-16 becomes U+FFFD', { text: 'bad bytes \uFFFD end' }],
    ['43210007', 'no created_at_i: created_at used; string parent_id', { publishedAt: '2026-03-02T14:16:00.000Z', parentId: '43210002' }],
  ])('%s — %s', (id, _why, expected: Record<string, unknown>) => {
    const m = byId.get(id);
    const present = Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined));
    expect(m).toMatchObject({ source: 'hackernews', id, ...present });
    for (const k of Object.keys(expected).filter((k) => expected[k] === undefined)) expect(m).not.toHaveProperty(k);
  });

  it('caps a very long text', () => {
    expect(byId.get('43210007')?.text.length).toBeLessThanOrEqual(100_000);
  });

  it('skips deleted items and rejects the unusable with their reason', () => {
    expect(out.skipped).toBe(1);
    expect(out.rejects.map((r) => r.reason)).toEqual([
      'objectID: missing or not a numeric HN item id',
      'created_at: must be an ISO 8601 date, got "not a date"',
    ]);
    expect(out.mentions).toHaveLength(5);
    for (const m of out.mentions) toMention(m, { now: 0, maxTextLength: 10_000 });
  });

  it('reports page position and the times of all hits for the cursor', () => {
    expect(out.page).toBe(0);
    expect(out.nbPages).toBe(1);
    expect(out.times[0]).toEqual({ id: '43210001', at: 1772460331 });
  });

  it('a body without hits is a ValidationError naming the field', () => {
    expect(() => mapHnPage({ message: 'oops' }, 'hackernews')).toThrow(/^hits:/);
  });
});

describe('hackernews map: fuzzed payloads', () => {
  const hit = fc.record(
    {
      objectID: fc.oneof(fc.string(), fc.nat().map(String), fc.anything()),
      created_at_i: fc.oneof(fc.integer(), fc.double(), fc.anything()),
      created_at: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string()),
      title: fc.oneof(fc.string(), fc.anything()),
      story_text: fc.oneof(fc.string(), fc.constant(null)),
      comment_text: fc.oneof(fc.string(), fc.constant('<p>x &amp; y'), fc.constant(null)),
      author: fc.oneof(fc.string(), fc.constant(null), fc.anything()),
      _tags: fc.oneof(fc.array(fc.constantFrom('story', 'comment', 'poll')), fc.anything()),
      parent_id: fc.anything(),
      points: fc.anything(),
    },
    { requiredKeys: [] },
  );
  it('every hit becomes a valid mention, a reject or a skip; nothing else is thrown', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(hit, fc.anything())), (hits) => {
        const r = mapHnPage({ hits }, 'hackernews');
        expect(r.mentions.length + r.rejects.length + r.skipped).toBe(hits.length);
        for (const m of r.mentions) toMention(m, { now: 0, maxTextLength: 10_000 });
      }),
      { numRuns: 300 },
    );
  });
  it('mapHnHit throws only ValidationError or SkipItem', () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        try {
          mapHnHit(x, 'hackernews');
        } catch (err) {
          expect(err instanceof ValidationError || err instanceof SkipItem).toBe(true);
        }
      }),
    );
  });
});

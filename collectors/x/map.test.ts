import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/errors.ts';
import { toMention } from '../../core/mention.ts';
import { SkipItem } from '../payload.ts';
import { mapTweet, mapXSearch } from './map.ts';

const body: unknown = JSON.parse(readFileSync(new URL('./fixtures/search-recent.json', import.meta.url), 'utf8'));
const out = mapXSearch(body, 'x');
const byId = new Map(out.mentions.map((m) => [m.id, m]));

describe('x map: fixtures/search-recent.json (documented v2 recent search response)', () => {
  it.each([
    ['1896200000000000001', 'reply: entities decoded once, author from includes.users, metrics', {
      text: '@AcmeSupport my order is 3 weeks late & no answer >:( 😡', publishedAt: '2026-03-02T14:05:31.000Z',
      url: 'https://x.com/jane_doe/status/1896200000000000001', parentId: '1896199999999999999', language: 'en',
      author: { id: '2244994945', name: 'Jane &amp; Co', url: 'https://x.com/jane_doe', followers: 5321 }, handle: 'jane_doe',
      engagement: { likes: 12, shares: 6, replies: 1 },
    }],
    ['1896200000000000003', 'long post: note_tweet text; unknown user; "qme" is no language', {
      text: 'Acme long post first 280 chars and then the full note text that goes on and on.', author: { id: '999' },
      url: 'https://x.com/i/web/status/1896200000000000003', language: undefined, engagement: { likes: 0, shares: 0, replies: 0 },
    }],
    ['1896200000000000004', 'quote: its own mention, no parent', { text: 'Acme quote', parentId: undefined, language: 'de' }],
  ])('%s — %s', (id, _why, expected: Record<string, unknown>) => {
    const m = byId.get(id);
    const present = Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined));
    expect(m).toMatchObject({ source: 'x', id, ...present });
    for (const k of Object.keys(expected).filter((k) => expected[k] === undefined)) expect(m).not.toHaveProperty(k);
  });

  it('skips retweets, rejects the unusable with their reason, reads meta', () => {
    expect(out.skipped).toBe(1);
    expect(out.rejects.map((r) => r.reason)).toEqual(['id: missing or not a numeric tweet id', 'created_at: must be an ISO 8601 date, got undefined']);
    expect(out.mentions).toHaveLength(3);
    expect(out).toMatchObject({ nextToken: 'b26v89c19zqg8o3fpds', newestId: '1896200000000000005', oldestId: '1896200000000000001' });
    for (const m of out.mentions) toMention(m, { now: 0, maxTextLength: 10_000 });
  });

  it('a page without data has no results', () => {
    expect(mapXSearch({ meta: { result_count: 0 } }, 'x').mentions).toEqual([]);
  });
});

describe('x map: fuzzed payloads', () => {
  const tweet = fc.record({
    id: fc.oneof(fc.bigInt({ min: 1n, max: 10n ** 19n }).map(String), fc.anything()),
    text: fc.oneof(fc.string(), fc.constant('a &amp; b'), fc.anything()),
    created_at: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.anything()),
    author_id: fc.oneof(fc.constant('1'), fc.anything()),
    lang: fc.anything(),
    referenced_tweets: fc.oneof(fc.array(fc.record({ type: fc.constantFrom('retweeted', 'quoted', 'replied_to'), id: fc.anything() })), fc.anything()),
    public_metrics: fc.anything(),
    note_tweet: fc.anything(),
  }, { requiredKeys: [] });
  const users = fc.array(fc.record({ id: fc.constantFrom('1', '2'), name: fc.anything(), username: fc.anything(), public_metrics: fc.anything() }, { requiredKeys: [] }));
  it('every tweet becomes a valid mention, a reject or a skip; nothing else is thrown', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(tweet, fc.anything())), users, (data, u) => {
        const r = mapXSearch({ data, includes: { users: u } }, 'x');
        expect(r.mentions.length + r.rejects.length + r.skipped).toBe(data.length);
        for (const m of r.mentions) toMention(m, { now: 0, maxTextLength: 10_000 });
      }),
      { numRuns: 300 },
    );
  });
  it('mapTweet throws only ValidationError or SkipItem', () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        try {
          mapTweet(x, 'x', new Map());
        } catch (err) {
          expect(err instanceof ValidationError || err instanceof SkipItem).toBe(true);
        }
      }),
    );
  });
});

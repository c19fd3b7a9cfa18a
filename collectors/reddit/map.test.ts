import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/errors.ts';
import { toMention } from '../../core/mention.ts';
import { MAX_TEXT, SkipItem } from '../payload.ts';
import { mapRedditListing, mapRedditThing } from './map.ts';

const listing: unknown = JSON.parse(readFileSync(new URL('./fixtures/search.json', import.meta.url), 'utf8'));
const out = mapRedditListing(listing, 'reddit');
const byId = new Map(out.mentions.map((m) => [m.id, m]));

describe('reddit map: fixtures/search.json (documented Listing shape)', () => {
  it.each([
    ['t3_1b2c3d', 'self post: title + body, entities decoded once, emoji kept', {
      title: 'Acme & Co: App kaputt?',
      text: 'Acme & Co: App kaputt?\n\nDie neue Acme App stürzt ständig ab & der Support antwortet nicht <3 😡',
      publishedAt: '2026-03-02T14:05:31.000Z',
      url: 'https://www.reddit.com/r/de/comments/1b2c3d/acme_co_app_kaputt/',
      author: { id: 't2_abc12', name: 'frustrated_user', url: 'https://www.reddit.com/user/frustrated_user' },
      engagement: { likes: 42, replies: 7 },
      community: 'r/de',
    }],
    ['t3_1b2c3e', 'link post (a crosspost is its own mention): text is the title', {
      text: 'Acme announces recall of 2 million chargers',
      url: 'https://www.reddit.com/r/technology/comments/1b2c3e/acme_recall/',
      engagement: { likes: 1543, replies: 388 },
    }],
    ['t1_kx9y8z', 'comment: parentId is the post, title the thread', {
      text: 'Gleiches Problem hier – Acme hat mich seit Tagen ignoriert',
      parentId: 't3_1b2c3d',
      title: 'Acme & Co: App kaputt?',
    }],
    ['t1_kx9y90', 'deleted author: kept without author', { text: 'Acme is fine for me', parentId: 't1_kx9y8z', author: undefined }],
    ['t1_kx9y92', 'broken UTF-16 from bad bytes becomes U+FFFD', { text: 'broken bytes: \uFFFD here, then fine é' }],
    ['t1_kx9y93', 'minimal comment: missing fields tolerated, time as string', {
      text: 'minimal Acme comment', publishedAt: '2026-03-02T14:36:40.000Z', url: '', author: undefined, parentId: undefined,
    }],
  ])('%s — %s', (id, _why, expected: Record<string, unknown>) => {
    const m = byId.get(id);
    // `undefined` in the table means "field absent".
    const absent = Object.keys(expected).filter((k) => expected[k] === undefined);
    const present = Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined));
    expect(m).toMatchObject({ source: 'reddit', id, ...present });
    for (const k of absent) expect(m).not.toHaveProperty(k);
  });

  it('caps a very long text', () => {
    const m = byId.get('t3_1b2c41');
    expect(m?.text.length).toBeLessThanOrEqual(MAX_TEXT + 20);
    expect(m?.text.startsWith('Long Acme rant\n\nAcme sehr lang')).toBe(true);
  });

  it('skips deleted content, rejects what cannot be a mention with the reason', () => {
    expect(out.skipped).toBe(2); // "[removed]" comment and "[deleted]" post
    expect(out.rejects.map((r) => r.reason)).toEqual([
      'created_utc: must be a Unix time in seconds, got undefined',
      'kind: unsupported kind "t5"; expected t3 or t1',
    ]);
    expect(out.rejects[0]?.payload).toContain('t3_1b2c40');
    expect(out.mentions).toHaveLength(7);
    expect(out.after).toBe('t3_1b2c41');
  });

  it('every mapped mention passes the interchange validation', () => {
    for (const m of out.mentions) expect(() => toMention(m, { now: 0, maxTextLength: 10_000 })).not.toThrow();
  });

  it('a body that is not a Listing is a ValidationError naming the field', () => {
    expect(() => mapRedditListing({ error: 403 }, 'reddit')).toThrow(/data\.children/);
  });
});

describe('reddit map: fuzzed payloads', () => {
  const thing = fc.record(
    {
      kind: fc.constantFrom('t1', 't3', 't5', 1, null),
      data: fc.option(
        fc.record(
          {
            name: fc.oneof(fc.string(), fc.constant('t3_abc'), fc.constant('t1_xyz')),
            id: fc.oneof(fc.string(), fc.integer()),
            title: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
            selftext: fc.oneof(fc.string(), fc.constant('[deleted]'), fc.anything()),
            body: fc.oneof(fc.string(), fc.constant('[removed]'), fc.anything()),
            author: fc.oneof(fc.string(), fc.constant('[deleted]'), fc.anything()),
            created_utc: fc.oneof(fc.double(), fc.integer(), fc.string(), fc.anything()),
            score: fc.anything(),
            num_comments: fc.anything(),
            permalink: fc.oneof(fc.string(), fc.anything()),
            parent_id: fc.anything(),
          },
          { requiredKeys: [] },
        ),
        { nil: undefined },
      ),
    },
    { requiredKeys: [] },
  );

  it('a bad item is a reject or a skip with its reason, a good one a valid mention; nothing else is thrown', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(thing, fc.anything())), (children) => {
        const r = mapRedditListing({ kind: 'Listing', data: { children } }, 'reddit');
        expect(r.mentions.length + r.rejects.length + r.skipped).toBe(children.length);
        for (const m of r.mentions) toMention(m, { now: 0, maxTextLength: 10_000 });
        for (const j of r.rejects) expect(j.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('mapRedditThing throws only ValidationError (or a skip) on anything', () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        try {
          mapRedditThing(x, 'reddit');
        } catch (err) {
          expect(err instanceof ValidationError || err instanceof SkipItem).toBe(true);
        }
      }),
    );
  });
});

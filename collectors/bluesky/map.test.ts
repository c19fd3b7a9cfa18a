import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/errors.ts';
import { toMention } from '../../core/mention.ts';
import { SkipItem } from '../payload.ts';
import { mapBlueskyPost, mapBlueskySearch } from './map.ts';

const body: unknown = JSON.parse(readFileSync(new URL('./fixtures/searchPosts.json', import.meta.url), 'utf8'));
const out = mapBlueskySearch(body, 'bluesky');
const byId = new Map(out.mentions.map((m) => [m.id, m]));
const uri = (rkey: string) => `at://did:plc:abc123/app.bsky.feed.post/${rkey}`;

describe('bluesky map: fixtures/searchPosts.json (documented lexicon output)', () => {
  it.each([
    [uri('3lxyz1'), 'plain text kept verbatim (the normalize stage decodes entities), emoji, language', {
      text: 'Acme Support ist seit Tagen nicht erreichbar 😡 &amp; keiner sagt was',
      publishedAt: '2026-03-02T14:05:31.000Z', url: 'https://bsky.app/profile/alice.bsky.social/post/3lxyz1', language: 'de',
      author: { id: 'did:plc:abc123', name: 'Alice', url: 'https://bsky.app/profile/alice.bsky.social' },
      engagement: { likes: 10, shares: 3, replies: 1 }, handle: 'alice.bsky.social',
    }],
    [uri('3lxyz2'), 'reply with an invalid handle: parentId, profile by DID, en-US → en', {
      parentId: uri('3lxyz1'), url: 'https://bsky.app/profile/did%3Aplc%3Adef456/post/3lxyz2', language: 'en', handle: undefined,
      author: { id: 'did:plc:def456', name: 'did:plc:def456' },
    }],
    [uri('3lxyz3'), 'a createdAt in the future falls back to indexedAt', { publishedAt: '2026-03-02T14:05:32.120Z' }],
    [uri('3lxyz5'), 'an unreadable createdAt falls back to indexedAt', { publishedAt: '2026-03-02T14:05:32.120Z' }],
    [uri('3lxyz6'), 'broken UTF-16 repaired; missing author and bad counts tolerated', {
      text: 'broken \uFFFD surrogate', author: { id: 'did:plc:abc123' }, engagement: { likes: 0, shares: 3, replies: 1 },
    }],
  ])('%s — %s', (id, _why, expected: Record<string, unknown>) => {
    const m = byId.get(id);
    const present = Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined));
    expect(m).toMatchObject({ source: 'bluesky', id, ...present });
    for (const k of Object.keys(expected).filter((k) => expected[k] === undefined)) expect(m).not.toHaveProperty(k);
  });

  it('skips image-only posts, rejects records that are not posts', () => {
    expect(out.skipped).toBe(1);
    expect(out.rejects.map((r) => r.reason)).toEqual(['uri: missing or not an at://…/app.bsky.feed.post/… uri']);
    expect(out.mentions).toHaveLength(5);
    expect(out.cursor).toBe('25');
    for (const m of out.mentions) toMention(m, { now: 0, maxTextLength: 10_000 });
  });

  it('a body without posts is a ValidationError naming the field', () => {
    expect(() => mapBlueskySearch({ error: 'BadQueryString' }, 'bluesky')).toThrow(/^posts:/);
  });
});

describe('bluesky map: fuzzed payloads', () => {
  const post = fc.record(
    {
      uri: fc.oneof(fc.string(), fc.stringMatching(/^at:\/\/did:plc:[a-z0-9]{3,8}\/app\.bsky\.feed\.post\/[a-z0-9]{3,8}$/), fc.anything()),
      record: fc.oneof(
        fc.record({ text: fc.oneof(fc.string(), fc.anything()), createdAt: fc.oneof(fc.string(), fc.date({ noInvalidDate: true }).map((d) => d.toISOString())), langs: fc.anything(), reply: fc.anything() }, { requiredKeys: [] }),
        fc.anything(),
      ),
      author: fc.anything(),
      indexedAt: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.anything()),
      likeCount: fc.anything(),
      repostCount: fc.anything(),
    },
    { requiredKeys: [] },
  );
  it('every post becomes a valid mention, a reject or a skip; nothing else is thrown', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(post, fc.anything())), (posts) => {
        const r = mapBlueskySearch({ posts }, 'bluesky');
        expect(r.mentions.length + r.rejects.length + r.skipped).toBe(posts.length);
        for (const m of r.mentions) toMention(m, { now: 0, maxTextLength: 10_000 });
      }),
      { numRuns: 300 },
    );
  });
  it('mapBlueskyPost throws only ValidationError or SkipItem', () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        try {
          mapBlueskyPost(x, 'bluesky');
        } catch (err) {
          expect(err instanceof ValidationError || err instanceof SkipItem).toBe(true);
        }
      }),
    );
  });
});

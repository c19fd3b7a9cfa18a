import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/errors.ts';
import { toMention } from '../../core/mention.ts';
import { SkipItem } from '../payload.ts';
import { mapMastodonStatus, mapMastodonStatuses } from './map.ts';

const load = (f: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${f}`, import.meta.url), 'utf8'));
const out = mapMastodonStatuses(load('search.json'), 'mastodon');
const byId = new Map(out.mentions.map((m) => [m.id, m]));

describe('mastodon map: fixtures/search.json (documented Status entity)', () => {
  it.each([
    ['https://example.social/users/alice/statuses/113000000000000001', 'HTML content to text, hashtag kept, emoji, language', {
      text: 'Acme hat schon wieder meine Bestellung verloren & niemand antwortet #acme\nZweiter Absatz 😤',
      publishedAt: '2026-03-02T14:05:31.000Z', url: 'https://example.social/@alice/113000000000000001', language: 'de',
      author: { id: 'https://example.social/@alice', name: 'Alice 🌻', url: 'https://example.social/@alice', followers: 812 },
      engagement: { likes: 9, shares: 5, replies: 2 }, handle: 'alice@example.social',
    }],
    ['https://other.example/users/bob/statuses/99', 'reply: parentId, empty display name falls back to acct', {
      text: '@alice same with Acme, since Monday', parentId: '113000000000000001', author: { name: 'bob@other.example', followers: 3 },
    }],
    ['https://news.example/users/press/statuses/5', 'boost: the original post is the mention', {
      text: 'Acme recalls chargers', author: { name: 'Press', followers: 50000 }, boostedBy: 'carol',
    }],
    ['https://example.social/users/alice/statuses/113000000000000004', 'content warning becomes the title; no language', {
      title: 'Acme rant', text: 'long story short: never again', language: undefined,
    }],
    ['https://example.social/users/x/statuses/9', 'broken UTF-16 repaired; no account, no author', { text: 'bad \uFFFD bytes', author: undefined }],
  ])('%s — %s', (id, _why, expected: Record<string, unknown>) => {
    const m = byId.get(id);
    const present = Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined));
    expect(m).toMatchObject({ source: 'mastodon', id, ...present });
    for (const k of Object.keys(expected).filter((k) => expected[k] === undefined)) expect(m).not.toHaveProperty(k);
  });

  it('skips private and media-only posts; rejects the unusable with their reason', () => {
    expect(out.skipped).toBe(2);
    expect(out.rejects.map((r) => r.reason)).toEqual(['uri: missing the status uri', 'created_at: must be an ISO 8601 date, got null']);
    expect(out.mentions).toHaveLength(5);
    for (const m of out.mentions) toMention(m, { now: 0, maxTextLength: 10_000 });
  });

  it('collects the instance-local ids for paging, boosts included', () => {
    expect(out.ids).toHaveLength(9);
    expect(out.ids[2]).toBe('113000000000000003');
  });

  it('reads a hashtag timeline (a bare array) the same way', () => {
    expect(mapMastodonStatuses(load('tag-timeline.json'), 'mastodon').mentions).toHaveLength(2);
  });

  it('a body that is no status list is a ValidationError naming the field', () => {
    expect(() => mapMastodonStatuses({ error: 'Record not found' }, 'mastodon')).toThrow(/^statuses:/);
  });
});

describe('mastodon map: fuzzed payloads', () => {
  const status = fc.record(
    {
      id: fc.oneof(fc.nat().map(String), fc.anything()),
      uri: fc.oneof(fc.webUrl(), fc.string(), fc.anything()),
      url: fc.oneof(fc.webUrl(), fc.anything()),
      created_at: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string(), fc.anything()),
      content: fc.oneof(fc.string(), fc.constant('<p>a &amp; <b>b</b></p>'), fc.anything()),
      spoiler_text: fc.anything(),
      visibility: fc.constantFrom('public', 'unlisted', 'private', 'direct', 7),
      language: fc.anything(),
      account: fc.oneof(fc.record({ acct: fc.anything(), display_name: fc.anything(), url: fc.anything(), followers_count: fc.anything() }, { requiredKeys: [] }), fc.anything()),
      reblog: fc.anything(),
      favourites_count: fc.anything(),
      in_reply_to_id: fc.anything(),
    },
    { requiredKeys: [] },
  );
  it('every status becomes a valid mention, a reject or a skip; nothing else is thrown', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(status, fc.anything())), (statuses) => {
        const r = mapMastodonStatuses({ statuses }, 'mastodon');
        expect(r.mentions.length + r.rejects.length + r.skipped).toBe(statuses.length);
        for (const m of r.mentions) toMention(m, { now: 0, maxTextLength: 10_000 });
      }),
      { numRuns: 300 },
    );
  });
  it('mapMastodonStatus throws only ValidationError or SkipItem', () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        try {
          mapMastodonStatus(x, 'mastodon');
        } catch (err) {
          expect(err instanceof ValidationError || err instanceof SkipItem).toBe(true);
        }
      }),
    );
  });
});

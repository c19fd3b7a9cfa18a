import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/errors.ts';
import { toMention } from '../../core/mention.ts';
import { SkipItem } from '../payload.ts';
import { mapCommentsPage, mapFbComment, mapIgComment, mapTaggedPage } from './map.ts';
import { takeWindow } from './window.ts';

const load = (f: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${f}`, import.meta.url), 'utf8'));
const fb = mapCommentsPage(load('fb-feed.json'), 'fb', 'facebook');
const ig = mapCommentsPage(load('ig-media.json'), 'fb', 'instagram');
const tagged = mapTaggedPage(load('fb-tagged.json'), 'fb', 'facebook');
const igTags = mapTaggedPage(load('ig-tags.json'), 'fb', 'instagram');
const all = new Map([...fb.mentions, ...ig.mentions, ...tagged.mentions, ...igTags.mentions].map((m) => [m.id, m]));

describe('facebook map: fixtures (Graph API feed/tagged/media/tags)', () => {
  it.each([
    ['9001_11', 'page comment: entities decoded once, emoji, +0000 time, likes/replies, parent = post', {
      text: 'Your app lost my order again 😡 <3 days>', publishedAt: '2026-03-02T14:05:31.000Z', author: { id: '700111', name: 'Jane &amp; Co' },
      engagement: { likes: 5, shares: 0, replies: 2 }, parentId: '104512345678901_9001', platform: 'facebook', kind: 'comment',
    }],
    ['9001_12', 'reply with hidden author: no author, parent = comment', { parentId: '9001_11', author: undefined }],
    ['9000_22', 'non-UTF-8 byte → U+FFFD', { text: 'Caf\uFFFD au lait' }],
    ['2001_3001', 'tagged post', { text: 'Thanks @Acme for the quick fix!', author: { id: '2001', name: 'Bob' }, kind: 'tagged', url: 'https://www.facebook.com/2001/posts/3001' }],
    ['17850000000000001', 'instagram comment: username → author, media permalink', {
      text: 'where is my refund?? 🙄', author: { id: '17840000000000001', name: 'jane.doe', url: 'https://www.instagram.com/jane.doe/' },
      url: 'https://www.instagram.com/p/AbC/', parentId: '17900000000000001', platform: 'instagram',
    }],
    ['17850000000000002', 'instagram comment of a deleted user', { author: undefined }],
    ['17900000000000099', 'instagram tag', { text: 'Unboxing my new #acme gear', engagement: { likes: 40, shares: 0, replies: 3 }, author: { name: 'gear.fan' } }],
  ])('%s — %s', (id, _why, expected: Record<string, unknown>) => {
    const m = all.get(id);
    const present = Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined));
    expect(m).toMatchObject({ source: 'fb', id, ...present });
    for (const k of Object.keys(expected).filter((k) => expected[k] === undefined)) expect(m).not.toHaveProperty(k);
  });

  it('stickers and photo-only posts are skipped; bad times and ids rejected; paging read', () => {
    expect([fb.skipped, tagged.skipped]).toEqual([1, 1]);
    expect(fb.rejects.map((r) => r.reason)).toEqual(['created_time: must be an ISO 8601 date, got "yesterday"']);
    expect(igTags.rejects.map((r) => r.reason)).toEqual(['id: missing or malformed id']);
    expect([fb.after, tagged.after, ig.after]).toEqual(['a1', null, 'm2']);
    expect(fb.oldest).toBe(Date.parse('2026-02-27T08:00:00Z'));
    expect(all.get('9000_21')?.text.length).toBe('Long '.length * 4000 + 3);
    for (const m of all.values()) toMention(m, { now: 0, maxTextLength: 100_000 });
  });
});

describe('facebook takeWindow', () => {
  const m = (id: string, t: string) => ({ source: 's', id, text: 'x', publishedAt: t });
  it('returns the oldest new ones first and moves the cursor to the last returned', () => {
    const c = [m('c', '2026-03-02T12:00:00Z'), m('a', '2026-03-02T10:00:00Z'), m('b', '2026-03-02T10:00:00Z'), m('old', '2026-03-01T00:00:00Z')];
    const first = takeWindow(c, { since: Date.parse('2026-03-02T00:00:00Z'), seen: [] }, 1);
    expect(first.mentions.map((x) => x.id)).toEqual(['a']);
    const second = takeWindow(c, first.cursor, 5);
    expect(second.mentions.map((x) => x.id)).toEqual(['b', 'c']);
    expect(takeWindow(c, second.cursor, 5).mentions).toEqual([]);
  });
  it('fuzz: runs of any size return every new item exactly once', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 40 }), fc.integer({ min: 1, max: 7 }), (times, max) => {
      const items = times.map((t, i) => m(`i${i}`, new Date(Date.UTC(2026, 2, 2, 0, t)).toISOString()));
      let cursor = { since: Date.UTC(2026, 2, 2, 0, 0), seen: [] as string[] };
      const got: string[] = [];
      for (let run = 0; run < 50; run++) {
        const r = takeWindow(items, cursor, max);
        got.push(...r.mentions.map((x) => x.id));
        cursor = r.cursor;
        if (!r.mentions.length) break;
      }
      expect(got.sort()).toEqual(items.map((x) => x.id).sort());
    }));
  });
});

describe('facebook map: fuzzed payloads', () => {
  const comment = fc.record({
    id: fc.oneof(fc.stringMatching(/^\d{1,5}_\d{1,5}$/), fc.anything()),
    message: fc.oneof(fc.string(), fc.constant('&lt;b&gt;'), fc.anything()),
    text: fc.oneof(fc.string(), fc.anything()),
    created_time: fc.oneof(fc.date({ noInvalidDate: true, min: new Date(0) }).map((d) => d.toISOString().replace('.000Z', '+0000')), fc.anything()),
    timestamp: fc.oneof(fc.date({ noInvalidDate: true, min: new Date(0) }).map((d) => d.toISOString()), fc.anything()),
    from: fc.anything(), like_count: fc.anything(), comment_count: fc.anything(), parent: fc.anything(), username: fc.anything(),
  }, { requiredKeys: [] });
  const post = fc.record({ id: fc.oneof(fc.string({ minLength: 1 }), fc.anything()), comments: fc.oneof(fc.record({ data: fc.array(fc.oneof(comment, fc.anything())) }), fc.anything()) }, { requiredKeys: [] });
  it('comment pages never throw for bad items', () => {
    fc.assert(fc.property(fc.array(fc.oneof(post, fc.anything())), fc.constantFrom('facebook' as const, 'instagram' as const), (data, platform) => {
      const r = mapCommentsPage({ data }, 'fb', platform);
      for (const x of r.mentions) toMention(x, { now: 0, maxTextLength: 100_000 });
    }), { numRuns: 200 });
  });
  it('item mappers throw only ValidationError or SkipItem', () => {
    fc.assert(fc.property(fc.anything(), (x) => {
      for (const f of [() => mapFbComment(x, 'fb', { id: 'p' }), () => mapIgComment(x, 'fb', { id: 'p' })]) {
        try {
          f();
        } catch (err) {
          expect(err instanceof ValidationError || err instanceof SkipItem).toBe(true);
        }
      }
    }));
  });
});

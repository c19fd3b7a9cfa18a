import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/errors.ts';
import { toMention } from '../../core/mention.ts';
import { SkipItem } from '../payload.ts';
import { mapYoutubeSearch, mapYoutubeThread, mapYoutubeThreads, mapYoutubeVideo } from './map.ts';

const load = (f: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${f}`, import.meta.url), 'utf8'));
const videos = mapYoutubeSearch(load('search.list.json'), 'youtube');
const threads = mapYoutubeThreads(load('commentThreads.list.json'), 'youtube');
const byId = new Map([...videos.mentions, ...threads.mentions].map((m) => [m.id, m]));

describe('youtube map: fixtures (documented search.list and commentThreads.list shapes)', () => {
  it.each([
    ['dQw4w9WgXcQ', 'video: HTML-escaped title decoded, title + description as text', {
      title: "Acme X200 review: don't buy before watching & comparing",
      text: "Acme X200 review: don't buy before watching & comparing\n\nWe tested the Acme X200 for 3 weeks…",
      url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', publishedAt: '2026-03-02T14:05:31.000Z',
      author: { id: 'UC38IQsAvIsxxjztdMZQtwHA', name: 'Tech & Talk', url: 'https://www.youtube.com/channel/UC38IQsAvIsxxjztdMZQtwHA' },
    }],
    ['UgzAcme1', 'comment: textOriginal verbatim, parent video, link to the comment', {
      text: "Mine broke after 2 weeks, Acme support never answered 😡 & I'm done", parentId: 'dQw4w9WgXcQ',
      url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ&lc=UgzAcme1', engagement: { likes: 14, replies: 3 },
      author: { id: 'UCviewer1', name: '@viewer1', url: 'http://www.youtube.com/@viewer1' },
    }],
    ['UgzAcme2', 'deleted channel: comment kept without author', { text: 'deleted channel comment', author: undefined }],
    ['UgzAcme3', 'no textOriginal: textDisplay HTML to text', { text: 'only "display" text' }],
  ])('%s — %s', (id, _why, expected: Record<string, unknown>) => {
    const m = byId.get(id);
    const present = Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined));
    expect(m).toMatchObject({ source: 'youtube', id, ...present });
    for (const k of Object.keys(expected).filter((k) => expected[k] === undefined)) expect(m).not.toHaveProperty(k);
  });

  it('skips channels and empty comments, rejects the unusable with their reason', () => {
    expect(videos.skipped).toBe(1);
    expect(videos.rejects.map((r) => r.reason)).toEqual(['snippet.title: neither title nor description', 'id.videoId: missing or malformed video id']);
    expect(videos.videoIds).toEqual(['dQw4w9WgXcQ']);
    expect(videos.nextPageToken).toBe('CAUQAA');
    expect(threads.skipped).toBe(1);
    expect(threads.rejects.map((r) => r.reason)).toEqual(['snippet.topLevelComment.snippet.publishedAt: must be an ISO 8601 date, got null']);
    expect(threads.nextPageToken).toBe('QURTSl9p');
    for (const m of byId.values()) toMention(m, { now: 0, maxTextLength: 10_000 });
  });

  it('an error body is a ValidationError naming the field', () => {
    expect(() => mapYoutubeThreads(load('quotaExceeded.json'), 'youtube')).toThrow(/^items:/);
  });
});

describe('youtube map: fuzzed payloads', () => {
  const date = fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string(), fc.anything());
  const video = fc.record({
    id: fc.oneof(fc.record({ kind: fc.constantFrom('youtube#video', 'youtube#channel'), videoId: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{11}$/), fc.anything()) }, { requiredKeys: [] }), fc.anything()),
    snippet: fc.oneof(fc.record({ publishedAt: date, title: fc.anything(), description: fc.anything(), channelId: fc.anything(), channelTitle: fc.anything() }, { requiredKeys: [] }), fc.anything()),
  }, { requiredKeys: [] });
  const thread = fc.record({
    id: fc.anything(),
    snippet: fc.oneof(fc.record({
      videoId: fc.anything(), totalReplyCount: fc.anything(),
      topLevelComment: fc.record({ id: fc.oneof(fc.stringMatching(/^Ug[A-Za-z0-9_-]{4,20}$/), fc.anything()), snippet: fc.record({ textOriginal: fc.anything(), textDisplay: fc.anything(), publishedAt: date, likeCount: fc.anything(), authorDisplayName: fc.anything(), authorChannelId: fc.anything() }, { requiredKeys: [] }) }, { requiredKeys: [] }),
    }, { requiredKeys: [] }), fc.anything()),
  }, { requiredKeys: [] });
  it('every item becomes a valid mention, a reject or a skip; nothing else is thrown', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(video, fc.anything())), fc.array(fc.oneof(thread, fc.anything())), (v, t) => {
        const a = mapYoutubeSearch({ items: v }, 'youtube');
        const b = mapYoutubeThreads({ items: t }, 'youtube');
        expect(a.mentions.length + a.rejects.length + a.skipped).toBe(v.length);
        expect(b.mentions.length + b.rejects.length + b.skipped).toBe(t.length);
        for (const m of [...a.mentions, ...b.mentions]) toMention(m, { now: 0, maxTextLength: 10_000 });
      }),
      { numRuns: 300 },
    );
  });
  it('the item mappers throw only ValidationError or SkipItem', () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        for (const f of [mapYoutubeVideo, mapYoutubeThread]) {
          try {
            f(x, 'youtube');
          } catch (err) {
            expect(err instanceof ValidationError || err instanceof SkipItem).toBe(true);
          }
        }
      }),
    );
  });
});

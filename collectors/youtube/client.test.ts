import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { drive, testDeps } from '../search-testkit.ts';
import youtube from './index.ts';

const search = readFileSync(new URL('./fixtures/search.list.json', import.meta.url), 'utf8');
const threads = readFileSync(new URL('./fixtures/commentThreads.list.json', import.meta.url), 'utf8');
const quotaExceeded = readFileSync(new URL('./fixtures/quotaExceeded.json', import.meta.url), 'utf8');
const API = 'https://www.googleapis.com';
const isSearch = (p: string) => p.startsWith('/youtube/v3/search?');
const isThreads = (p: string) => p.startsWith('/youtube/v3/commentThreads?');
const last = (body: string, path: string) => (path.includes('pageToken=') ? JSON.stringify({ items: [] }) : body);

describe('youtube client (MockAgent)', () => {
  it('finds videos, reads their comments, counts quota units, keeps watching the video', async () => {
    const { agent, clock, deps } = testDeps('yt');
    const calls: string[] = [];
    agent.get(API).intercept({ path: isSearch }).reply((req) => {
      calls.push(req.path);
      return { statusCode: 200, data: last(search, req.path) };
    }).persist();
    agent.get(API).intercept({ path: isThreads }).reply((req) => {
      calls.push(req.path);
      expect(new URL(API + req.path).searchParams.get('videoId')).toBe('dQw4w9WgXcQ');
      return { statusCode: 200, data: last(threads, req.path) };
    }).persist();
    const c = youtube.create(youtube.options.parse({ apiKey: 'k', backfillWindow: '2d' }), deps);
    const r1 = await drive(clock, c.collect({ cursor: null, signal: new AbortController().signal }));
    expect(r1.value.mentions.map((m) => m.id)).toEqual(['dQw4w9WgXcQ', 'UgzAcme1', 'UgzAcme2', 'UgzAcme3']);
    // Two search pages (100 each) and two comment pages (1 each).
    expect(r1.value.cursor).toMatchObject({ quota: { used: 202 }, videos: { dQw4w9WgXcQ: clock.now() } });
    const s = new URL(API + calls[0]).searchParams;
    expect([s.get('q'), s.get('order'), s.get('type'), s.get('publishedAfter')]).toEqual(['Acme', 'date', 'video', '2026-02-28T15:00:00.000Z']);

    calls.length = 0;
    const r2 = await drive(clock, c.collect({ cursor: r1.value.cursor, signal: new AbortController().signal }));
    expect(r2.value.mentions).toEqual([]);
    // Still watching the video for new comments.
    expect(calls.filter((p) => isThreads(p)).length).toBeGreaterThan(0);
    await agent.close();
  });

  it('stops before the daily quota would be exceeded, and on quotaExceeded, without failing', async () => {
    const { agent, clock, deps, metrics } = testDeps('yt');
    let searches = 0;
    agent.get(API).intercept({ path: isSearch }).reply(() => {
      searches++;
      return { statusCode: 200, data: search };
    }).persist();
    agent.get(API).intercept({ path: isThreads }).reply(403, quotaExceeded).persist();
    const c = youtube.create(youtube.options.parse({ apiKey: 'k', dailyQuota: 150, maxPagesPerRun: 5 }), deps);
    const r = await drive(clock, c.collect({ cursor: null, signal: new AbortController().signal }));
    expect(searches).toBe(1); // a second search page would cost 200 > 150
    expect(r.value.cursor).toMatchObject({ quota: { used: 150 } });
    expect(r.value.mentions.map((m) => m.id)).toEqual(['dQw4w9WgXcQ']);
    expect(await metrics.text()).toMatch(/earshot_youtube_quota_used\{source="yt"\} 150/);
    await agent.close();
  });

  it('an invalid API key is auth_failed naming apiKey', async () => {
    const { agent, clock, deps } = testDeps('yt');
    agent.get(API).intercept({ path: isSearch }).reply(400, { error: { code: 400, message: 'API key not valid. Please pass a valid API key.', errors: [{ reason: 'badRequest' }] } });
    const c = youtube.create(youtube.options.parse({ apiKey: 'bad' }), deps);
    const err = await drive(clock, c.collect({ cursor: null, signal: new AbortController().signal })).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'auth_failed', message: expect.stringContaining('apiKey') });
    await agent.close();
  });
});

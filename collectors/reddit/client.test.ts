import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../core/errors.ts';
import { drive, testDeps } from '../search-testkit.ts';
import reddit from './index.ts';

const fixture = readFileSync(new URL('./fixtures/search.json', import.meta.url), 'utf8');
const API = 'https://oauth.reddit.com';
const WWW = 'https://www.reddit.com';
const EMPTY = JSON.stringify({ kind: 'Listing', data: { after: null, children: [] } });
/** The fixture as the newest page; its `after` leads to an empty page. */
const fixtureThenEmpty = (path: string) => (new URL(API + path).searchParams.has('after') ? EMPTY : fixture);
const options = { clientId: 'id123', clientSecret: 'secret456', backfillWindow: '30d', maxPagesPerRun: 2 };

function listing(children: Array<{ name: string; created: number }>, after: string | null) {
  return {
    kind: 'Listing',
    data: {
      after,
      children: children.map((c) => ({ kind: 't3', data: { name: c.name, title: `Acme ${c.name}`, selftext: '', author: 'u', created_utc: c.created, permalink: `/r/x/${c.name}` } })),
    },
  };
}

describe('reddit client (MockAgent)', () => {
  it('gets an app-only token once, searches each brand, maps the Listing, resumes from its cursor', async () => {
    const { agent, clock, deps } = testDeps('reddit');
    const tokens: string[] = [];
    agent.get(WWW).intercept({ path: '/api/v1/access_token', method: 'POST' }).reply((req) => {
      tokens.push(String((req.headers as Record<string, string>).authorization));
      return { statusCode: 200, data: { access_token: 'tok-1', token_type: 'bearer', expires_in: 86400, scope: '*' } };
    });
    const seenQueries: string[] = [];
    agent.get(API).intercept({ path: (p) => p.startsWith('/search?'), method: 'GET' }).reply((req) => {
      seenQueries.push(req.path);
      expect((req.headers as Record<string, string>).authorization).toBe('Bearer tok-1');
      return { statusCode: 200, data: fixtureThenEmpty(req.path) };
    }).persist();
    const c = reddit.create(reddit.options.parse(options), deps);
    const first = await drive(clock, c.collect({ cursor: null, signal: new AbortController().signal }));
    expect(seenQueries).toHaveLength(2); // the fixture page and the empty page after it
    expect(tokens).toEqual([`Basic ${Buffer.from('id123:secret456').toString('base64')}`]);
    expect(new URL(API + seenQueries[0]).searchParams.get('q')).toBe('Acme');
    expect(new URL(API + seenQueries[0]).searchParams.get('sort')).toBe('new');
    expect(first.value.mentions.map((m) => m.id)).toContain('t3_1b2c3d');
    expect(first.value.rejects).toHaveLength(2);

    // Same answer again: nothing is new, and the cached token is reused.
    const second = await drive(clock, c.collect({ cursor: first.value.cursor, signal: new AbortController().signal }));
    expect(second.value.mentions).toEqual([]);
    expect(tokens).toHaveLength(1);
    await agent.close();
  });

  it('bounds pagination per run and resumes the backlog next run without gaps or repeats', async () => {
    const { agent, clock, deps } = testDeps('reddit');
    agent.get(WWW).intercept({ path: '/api/v1/access_token', method: 'POST' }).reply(200, { access_token: 't', expires_in: 3600 }).persist();
    const now = clock.now() / 1000;
    const pages: Record<string, object> = {
      '': listing([{ name: 't3_a6', created: now - 10 }, { name: 't3_a5', created: now - 20 }], 't3_a5'),
      t3_a5: listing([{ name: 't3_a4', created: now - 30 }, { name: 't3_a3', created: now - 40 }], 't3_a3'),
      t3_a3: listing([{ name: 't3_a2', created: now - 50 }, { name: 't3_a1', created: now - 60 }], null),
    };
    const afters: string[] = [];
    agent.get(API).intercept({ path: (p) => p.startsWith('/search?'), method: 'GET' }).reply((req) => {
      const after = new URL(API + req.path).searchParams.get('after') ?? '';
      afters.push(after);
      return { statusCode: 200, data: JSON.stringify(pages[after]) };
    }).persist();
    const c = reddit.create(reddit.options.parse(options), deps);
    const signal = new AbortController().signal;
    const r1 = await drive(clock, c.collect({ cursor: null, signal }));
    expect(afters).toEqual(['', 't3_a5']);
    expect(r1.value.mentions.map((m) => m.id)).toEqual(['t3_a6', 't3_a5', 't3_a4', 't3_a3']);
    const r2 = await drive(clock, c.collect({ cursor: r1.value.cursor, signal }));
    expect(afters.slice(2)).toEqual(['t3_a3']);
    expect(r2.value.mentions.map((m) => m.id)).toEqual(['t3_a2', 't3_a1']);
    const r3 = await drive(clock, c.collect({ cursor: r2.value.cursor, signal }));
    expect(r3.value.mentions).toEqual([]);
    await agent.close();
  });

  it('waits as long as Retry-After says on 429, then succeeds', async () => {
    const { agent, clock, deps } = testDeps('reddit');
    agent.get(WWW).intercept({ path: '/api/v1/access_token', method: 'POST' }).reply(200, { access_token: 't', expires_in: 3600 });
    agent.get(API).intercept({ path: (p) => p.startsWith('/search?') }).reply(429, 'slow down', { headers: { 'retry-after': '30' } });
    agent.get(API).intercept({ path: (p) => p.startsWith('/search?') }).reply((req) => ({ statusCode: 200, data: fixtureThenEmpty(req.path) })).persist();
    const c = reddit.create(reddit.options.parse(options), deps);
    const r = await drive(clock, c.collect({ cursor: null, signal: new AbortController().signal }));
    expect(r.elapsed).toBeGreaterThanOrEqual(30_000);
    expect(r.elapsed).toBeLessThan(40_000);
    expect(r.value.mentions.length).toBeGreaterThan(0);
    await agent.close();
  });

  it('a rejected secret is auth_failed naming the options to fix', async () => {
    const { agent, clock, deps } = testDeps('reddit');
    agent.get(WWW).intercept({ path: '/api/v1/access_token', method: 'POST' }).reply(401, { message: 'Unauthorized', error: 401 });
    const c = reddit.create(reddit.options.parse(options), deps);
    const err = await drive(clock, c.collect({ cursor: null, signal: new AbortController().signal })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect((err as PermanentError).code).toBe('auth_failed');
    expect((err as Error).message).toMatch(/clientId and clientSecret/);
    expect((err as Error).message).not.toContain('secret456');
    await agent.close();
  });

  it('stops on shutdown and keeps no partial cursor', async () => {
    const { agent, clock, deps } = testDeps('reddit');
    agent.get(WWW).intercept({ path: '/api/v1/access_token', method: 'POST' }).reply(200, { access_token: 't', expires_in: 3600 });
    agent.get(API).intercept({ path: (p) => p.startsWith('/search?') }).reply(503, 'down', { headers: { 'retry-after': '120' } }).persist();
    const ac = new AbortController();
    const c = reddit.create(reddit.options.parse(options), deps);
    const p = c.collect({ cursor: null, signal: ac.signal });
    setTimeout(() => ac.abort(new Error('shutdown')), 20);
    await expect(drive(clock, p, 10)).rejects.toThrow('shutdown');
    await agent.close();
  });

  it('without query and brands the options are refused at build time', () => {
    const { deps } = testDeps('reddit', []);
    expect(() => reddit.create(reddit.options.parse(options), deps)).toThrow(/options\.query/);
  });
});

describe('reddit client: a forbidden subreddit', () => {
  it('is reported as a reject and the other subreddits go on', async () => {
    const { agent, clock, deps } = testDeps('reddit');
    agent.get(WWW).intercept({ path: '/api/v1/access_token', method: 'POST' }).reply(200, { access_token: 't', expires_in: 3600 }).persist();
    agent.get(API).intercept({ path: (p) => p.startsWith('/r/de+secret/search?') }).reply((req) => ({ statusCode: 200, data: fixtureThenEmpty(req.path) })).persist();
    agent.get(API).intercept({ path: (p) => p.startsWith('/r/secret/comments?') }).reply(403, { reason: 'private', message: 'Forbidden', error: 403 }).persist();
    agent.get(API).intercept({ path: (p) => p.startsWith('/r/de/comments?') }).reply(200, EMPTY).persist();
    const c = reddit.create(reddit.options.parse({ ...options, subreddits: ['de', 'secret'] }), deps);
    const r = await drive(clock, c.collect({ cursor: null, signal: new AbortController().signal }));
    expect(r.value.mentions.length).toBe(7);
    expect(r.value.rejects?.map((j) => j.payload)).toContain('comments:secret');
    expect(Object.keys((r.value.cursor as { streams: object }).streams).sort()).toEqual(['comments:de', 'search:Acme']);
    await agent.close();
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../core/errors.ts';
import { drive, testDeps } from '../search-testkit.ts';
import x from './index.ts';

const fixture = readFileSync(new URL('./fixtures/search-recent.json', import.meta.url), 'utf8');
const API = 'https://api.x.com';
const isSearch = (p: string) => p.startsWith('/2/tweets/search/recent?');

describe('x client (MockAgent)', () => {
  it('sends the bearer token, excludes retweets, expands authors, follows next_token', async () => {
    const { agent, clock, deps } = testDeps('x');
    const asked: URLSearchParams[] = [];
    agent.get(API).intercept({ path: isSearch }).reply((req) => {
      expect((req.headers as Record<string, string>).authorization).toBe('Bearer tok');
      const q = new URL(API + req.path).searchParams;
      asked.push(q);
      return { statusCode: 200, data: q.has('next_token') ? JSON.stringify({ meta: { result_count: 0 } }) : fixture };
    }).persist();
    const c = x.create(x.options.parse({ bearerToken: 'tok', backfillWindow: '30d' }), deps);
    const r = await drive(clock, c.collect({ cursor: null, signal: new AbortController().signal }));
    expect(asked[0]?.get('query')).toBe('(Acme) -is:retweet');
    expect(asked[0]?.get('expansions')).toBe('author_id');
    // A 30d backfill is clamped to what recent search allows.
    expect(asked[0]?.get('start_time')).toBe('2026-02-23T15:02:00Z');
    expect(asked[1]?.get('next_token')).toBe('b26v89c19zqg8o3fpds');
    expect(r.value.mentions.map((m) => m.id)).toEqual(['1896200000000000001', '1896200000000000003', '1896200000000000004']);
    await agent.close();
  });

  it('waits for x-rate-limit-reset on 429', async () => {
    const { agent, clock, deps } = testDeps('x');
    const reset = Math.floor(clock.now() / 1000) + 45;
    agent.get(API).intercept({ path: isSearch }).reply(429, { title: 'Too Many Requests' }, { headers: { 'x-rate-limit-reset': String(reset), 'x-rate-limit-remaining': '0' } });
    agent.get(API).intercept({ path: isSearch }).reply(200, { meta: { result_count: 0 } });
    const c = x.create(x.options.parse({ bearerToken: 'tok' }), deps);
    const r = await drive(clock, c.collect({ cursor: null, signal: new AbortController().signal }));
    expect(r.elapsed).toBeGreaterThanOrEqual(45_000);
    expect(r.elapsed).toBeLessThan(50_000);
    await agent.close();
  });

  it('an invalid bearer token is auth_failed naming bearerToken, without leaking it', async () => {
    const { agent, clock, deps } = testDeps('x');
    agent.get(API).intercept({ path: isSearch }).reply(401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });
    const c = x.create(x.options.parse({ bearerToken: 'AAAA-secret' }), deps);
    const err = await drive(clock, c.collect({ cursor: null, signal: new AbortController().signal })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect(err).toMatchObject({ code: 'auth_failed', message: expect.stringContaining('bearerToken') });
    expect((err as Error).message).not.toContain('AAAA-secret');
    await agent.close();
  });
});

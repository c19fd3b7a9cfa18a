import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../core/errors.ts';
import { drive, testDeps } from '../search-testkit.ts';
import bluesky from './index.ts';

const fixture = readFileSync(new URL('./fixtures/searchPosts.json', import.meta.url), 'utf8');
const PDS = 'https://bsky.social';
const EMPTY = JSON.stringify({ posts: [] });
const isSearch = (p: string) => p.startsWith('/xrpc/app.bsky.feed.searchPosts?');

describe('bluesky client (MockAgent)', () => {
  it('anonymous: searches the public AppView with sort=latest and since, pages by cursor', async () => {
    const { agent, clock, deps } = testDeps('bluesky');
    const asked: URLSearchParams[] = [];
    agent.get('https://public.api.bsky.app').intercept({ path: isSearch }).reply((req) => {
      const q = new URL('https://x' + req.path).searchParams;
      asked.push(q);
      return { statusCode: 200, data: q.has('cursor') ? EMPTY : fixture };
    }).persist();
    const c = bluesky.create(bluesky.options.parse({ backfillWindow: '1d' }), deps);
    const r = await drive(clock, c.collect({ cursor: null, signal: new AbortController().signal }));
    expect(asked.map((q) => [q.get('q'), q.get('sort'), q.get('cursor')])).toEqual([['Acme', 'latest', null], ['Acme', 'latest', '25']]);
    expect(asked[0]?.get('since')).toBe('2026-03-01T15:00:00.000Z');
    expect(r.value.mentions).toHaveLength(5);
    await agent.close();
  });

  it('with an app password: one session, renewed when the token expires', async () => {
    const { agent, clock, deps } = testDeps('bluesky');
    let logins = 0;
    agent.get(PDS).intercept({ path: '/xrpc/com.atproto.server.createSession', method: 'POST' }).reply((req) => {
      logins++;
      expect(JSON.parse(String(req.body))).toEqual({ identifier: 'brand.example', password: 'app-pass' });
      return { statusCode: 200, data: { accessJwt: `jwt-${logins}`, refreshJwt: 'r', did: 'did:plc:me', handle: 'brand.example' } };
    }).persist();
    agent.get(PDS).intercept({ path: isSearch }).reply(200, fixture);
    agent.get(PDS).intercept({ path: isSearch }).reply(200, EMPTY);
    agent.get(PDS).intercept({ path: isSearch }).reply(400, { error: 'ExpiredToken', message: 'Token has expired' });
    agent.get(PDS).intercept({ path: isSearch }).reply((req) => {
      expect((req.headers as Record<string, string>).authorization).toBe('Bearer jwt-2');
      return { statusCode: 200, data: EMPTY };
    });
    const c = bluesky.create(bluesky.options.parse({ identifier: 'brand.example', appPassword: 'app-pass' }), deps);
    const signal = new AbortController().signal;
    const r1 = await drive(clock, c.collect({ cursor: null, signal }));
    expect(logins).toBe(1);
    await drive(clock, c.collect({ cursor: r1.value.cursor, signal }));
    expect(logins).toBe(2);
    await agent.close();
  });

  it('a wrong app password is auth_failed naming the options', async () => {
    const { agent, clock, deps } = testDeps('bluesky');
    agent.get(PDS).intercept({ path: '/xrpc/com.atproto.server.createSession', method: 'POST' }).reply(401, { error: 'AuthenticationRequired', message: 'Invalid identifier or password' });
    const c = bluesky.create(bluesky.options.parse({ identifier: 'brand.example', appPassword: 'nope' }), deps);
    const err = await drive(clock, c.collect({ cursor: null, signal: new AbortController().signal })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect(err).toMatchObject({ code: 'auth_failed', message: expect.stringContaining('identifier and appPassword') });
    await agent.close();
  });

  it('identifier without appPassword is refused with the key to fix', () => {
    const r = bluesky.options.safeParse({ identifier: 'x' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['appPassword']);
  });
});

describe('bluesky client: anonymous paging refused', () => {
  it('keeps the first page when the public AppView answers 403 to a cursor', async () => {
    const { agent, clock, deps } = testDeps('bluesky');
    agent.get('https://public.api.bsky.app').intercept({ path: isSearch }).reply((req) =>
      req.path.includes('cursor=') ? { statusCode: 403, data: 'Forbidden' } : { statusCode: 200, data: fixture },
    ).persist();
    const c = bluesky.create(bluesky.options.parse({ backfillWindow: '1d' }), deps);
    const r = await drive(clock, c.collect({ cursor: null, signal: new AbortController().signal }));
    expect(r.value.mentions).toHaveLength(5);
    expect(r.value.cursor).toMatchObject({ streams: { Acme: { since: Date.parse('2026-03-02T14:05:32.120Z') } } });
  });
});

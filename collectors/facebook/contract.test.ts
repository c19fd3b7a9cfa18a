import { readFileSync } from 'node:fs';
import type { MockAgent } from 'undici';
import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../core/errors.ts';
import { collectorContract } from '../contract.ts';
import { drive, testDeps } from '../search-testkit.ts';
import facebook from './index.ts';

const fixture = (f: string) => readFileSync(new URL(`./fixtures/${f}`, import.meta.url), 'utf8');
const API = 'https://graph.facebook.com';
const PAGE = '104512345678901';
const IG = '17841400000000001';
const options = { accessToken: 'EAAtok', pageId: PAGE, instagramUserId: IG, backfillWindow: '7d' };

function mock(agent: MockAgent): void {
  agent.get(API).intercept({ path: (p) => p.startsWith('/v21.0/') }).reply((req) => {
    const u = new URL(API + req.path);
    const after = u.searchParams.get('after');
    const file = u.pathname.endsWith('/feed') ? (after === 'a1' ? 'fb-feed-2.json' : 'fb-feed.json')
      : u.pathname.endsWith('/tagged') ? 'fb-tagged.json'
        : u.pathname.endsWith('/media') ? (after ? null : 'ig-media.json')
          : u.pathname.endsWith('/tags') ? 'ig-tags.json' : null;
    return { statusCode: 200, data: file ? fixture(file) : '{"data":[]}' };
  }).persist();
}

collectorContract({
  definition: facebook, options, now: '2026-03-02T18:00:00Z', name: 'fb', origins: [API], minMentions: 8,
  bounded: { options: { ...options, maxItemsPerRun: 3 }, maxItems: 3 }, mock,
});

describe('facebook client', () => {
  it('reads all four streams with the token in the header, not the URL', async () => {
    const { agent, clock, deps } = testDeps('fb');
    const paths: string[] = [];
    agent.get(API).intercept({ path: () => true }).reply((req) => {
      expect((req.headers as Record<string, string>).authorization).toBe('Bearer EAAtok');
      paths.push(new URL(API + req.path).pathname + (new URL(API + req.path).searchParams.get('after') ? '+after' : ''));
      return { statusCode: 200, data: '{"data":[]}' };
    }).persist();
    clock.set(Date.parse('2026-03-02T18:00:00Z'));
    const c = facebook.create(facebook.options.parse(options), deps);
    await drive(clock, c.collect({ cursor: null, signal: new AbortController().signal }));
    expect(paths).toEqual([`/v21.0/${PAGE}/feed`, `/v21.0/${PAGE}/tagged`, `/v21.0/${IG}/media`, `/v21.0/${IG}/tags`]);
    await agent.close();
  });

  it('a comment on an older post that arrives later is still found (window scan)', async () => {
    const { agent, clock, deps } = testDeps('fb');
    mock(agent);
    clock.set(Date.parse('2026-03-02T18:00:00Z'));
    const c = facebook.create(facebook.options.parse({ ...options, instagramUserId: undefined, pageTagged: false }), deps);
    const r = await drive(clock, c.collect({ cursor: null, signal: new AbortController().signal }));
    expect(r.value.mentions.map((m) => m.id)).toEqual(['9000_22', '9000_21', '8990_31', '9001_11', '9001_12']);
    await agent.close();
  });

  it('error 190 (expired token) is auth_failed naming accessToken', async () => {
    const { agent, clock, deps } = testDeps('fb');
    agent.get(API).intercept({ path: () => true }).reply(400, fixture('error-190.json'));
    const c = facebook.create(facebook.options.parse(options), deps);
    const err = await drive(clock, c.collect({ cursor: null, signal: new AbortController().signal })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect(err).toMatchObject({ code: 'auth_failed', message: expect.stringContaining('accessToken') });
    expect((err as Error).message).toContain('Graph error 190/463');
    expect((err as Error).message).not.toContain('EAAtok');
    await agent.close();
  });

  it('rate limit (code 4) waits estimated_time_to_regain_access from x-business-use-case-usage', async () => {
    const { agent, clock, deps } = testDeps('fb');
    const buc = JSON.stringify({ [PAGE]: [{ type: 'pages', call_count: 100, total_cputime: 20, total_time: 30, estimated_time_to_regain_access: 2 }] });
    agent.get(API).intercept({ path: () => true }).reply(400, fixture('error-4.json'), { headers: { 'x-business-use-case-usage': buc } });
    agent.get(API).intercept({ path: () => true }).reply(200, '{"data":[]}').persist();
    const c = facebook.create(facebook.options.parse({ ...options, instagramUserId: undefined, pageTagged: false }), deps);
    const r = await drive(clock, c.collect({ cursor: null, signal: new AbortController().signal }));
    expect(r.elapsed).toBeGreaterThanOrEqual(120_000);
    expect(r.elapsed).toBeLessThan(125_000);
    await agent.close();
  });

  it('high x-app-usage slows the following requests by usageCooldown', async () => {
    const { agent, clock, deps } = testDeps('fb');
    agent.get(API).intercept({ path: () => true }).reply(200, '{"data":[]}', { headers: { 'x-app-usage': '{"call_count":95,"total_cputime":10,"total_time":12}' } }).persist();
    const c = facebook.create(facebook.options.parse({ ...options, usageCooldown: '45s' }), deps);
    const r = await drive(clock, c.collect({ cursor: null, signal: new AbortController().signal }));
    // Four requests: the first learns usage is high, the other three wait 45 s each.
    expect(r.elapsed).toBeGreaterThanOrEqual(135_000);
    expect(r.elapsed).toBeLessThan(140_000);
    await agent.close();
  });

  it('needs a page or an instagram account', () => {
    expect(facebook.options.safeParse({ accessToken: 'x' }).error?.issues.map((i) => i.path.join('.'))).toEqual(['pageId']);
  });
});

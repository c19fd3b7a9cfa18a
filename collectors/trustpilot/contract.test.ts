import { readFileSync } from 'node:fs';
import type { MockAgent } from 'undici';
import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../core/errors.ts';
import { collectorContract } from '../contract.ts';
import { drive, testDeps } from '../search-testkit.ts';
import trustpilot from './index.ts';

const fixture = (f: string) => readFileSync(new URL(`./fixtures/${f}`, import.meta.url), 'utf8');
const API = 'https://api.trustpilot.com';
const BU = '5a9d3e2f6c3b4a0001c0ffee';
const options = { apiKey: 'k', businessUnits: [BU], backfillWindow: '30d' };

function mock(agent: MockAgent): void {
  agent.get(API).intercept({ path: (p) => p.startsWith(`/v1/business-units/${BU}/reviews?`) }).reply((req) => {
    const page = new URL(API + req.path).searchParams.get('page');
    return { statusCode: 200, data: page === '1' ? fixture('reviews-page1.json') : page === '2' ? fixture('reviews-page2.json') : '{"reviews":[],"links":[]}' };
  }).persist();
}

collectorContract({
  definition: trustpilot, options, now: '2026-03-02T18:00:00Z', name: 'tp', origins: [API], minMentions: 5,
  bounded: { options: { ...options, maxItemsPerRun: 2 }, maxItems: 2 }, mock,
});

describe('trustpilot client', () => {
  it('asks newest first from the cursor time, with the key and language filter', async () => {
    const { agent, clock, deps } = testDeps('tp');
    const asked: URLSearchParams[] = [];
    agent.get(API).intercept({ path: () => true }).reply((req) => {
      const q = new URL(API + req.path).searchParams;
      asked.push(q);
      return { statusCode: 200, data: q.get('page') === '1' ? fixture('reviews-page1.json') : fixture('reviews-page2.json') };
    }).persist();
    const c = trustpilot.create(trustpilot.options.parse({ ...options, languages: ['en', 'de'] }), deps);
    const r = await drive(clock, c.collect({ cursor: null, signal: new AbortController().signal }));
    expect(asked.map((q) => q.get('page'))).toEqual(['1', '2']);
    expect(Object.fromEntries(asked[0]!)).toMatchObject({ apikey: 'k', orderBy: 'createdat.desc', startDateTime: '2026-01-31T15:00:00', language: 'en,de' });
    expect(r.value.mentions).toHaveLength(5);
    await agent.close();
  });

  it('a rejected key is auth_failed naming apiKey, without leaking it', async () => {
    const { agent, clock, deps } = testDeps('tp');
    agent.get(API).intercept({ path: () => true }).reply(401, { fault: { faultstring: 'Invalid ApiKey' } });
    const c = trustpilot.create(trustpilot.options.parse({ ...options, apiKey: 'SECRET-KEY-123' }), deps);
    const err = await drive(clock, c.collect({ cursor: null, signal: new AbortController().signal })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect(err).toMatchObject({ code: 'auth_failed', message: expect.stringContaining('apiKey') });
    expect((err as Error).message).not.toContain('SECRET-KEY-123');
    await agent.close();
  });
});

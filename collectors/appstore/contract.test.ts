import { readFileSync } from 'node:fs';
import type { MockAgent } from 'undici';
import { describe, expect, it } from 'vitest';
import { collectorContract } from '../contract.ts';
import { drive, testDeps } from '../search-testkit.ts';
import appstore from './index.ts';

const fixture = (f: string) => readFileSync(new URL(`./fixtures/${f}`, import.meta.url), 'utf8');
const API = 'https://itunes.apple.com';
const options = { apps: ['284882215'], countries: ['us'], backfillWindow: '30d' };

function mock(agent: MockAgent): void {
  agent.get(API).intercept({ path: (p) => p.includes('/rss/customerreviews/') }).reply((req) => {
    const page = /page=(\d+)/.exec(req.path)?.[1];
    return { statusCode: 200, data: fixture(page === '1' ? 'reviews-page1.json' : page === '2' ? 'reviews-page2.json' : 'reviews-empty.json') };
  }).persist();
}

collectorContract({
  definition: appstore,
  options,
  now: '2026-03-02T18:00:00Z',
  name: 'appstore-main',
  origins: [API],
  minMentions: 5,
  bounded: { options: { ...options, maxItemsPerRun: 2 }, maxItems: 2 },
  mock,
});

describe('appstore client', () => {
  it('reads each app × country newest first and stops after the last page with reviews', async () => {
    const { agent, clock, deps } = testDeps('appstore');
    const paths: string[] = [];
    agent.get(API).intercept({ path: () => true }).reply((req) => {
      paths.push(req.path);
      const page = /page=(\d+)/.exec(req.path)?.[1];
      return { statusCode: 200, data: fixture(page === '1' ? 'reviews-page1.json' : 'reviews-empty.json') };
    }).persist();
    const c = appstore.create(appstore.options.parse({ apps: [284882215], countries: ['US', 'de'], backfillWindow: '30d' }), deps);
    const r = await drive(clock, c.collect({ cursor: null, signal: new AbortController().signal }));
    expect(paths).toEqual([
      '/us/rss/customerreviews/page=1/id=284882215/sortby=mostrecent/json', '/us/rss/customerreviews/page=2/id=284882215/sortby=mostrecent/json',
      '/de/rss/customerreviews/page=1/id=284882215/sortby=mostrecent/json', '/de/rss/customerreviews/page=2/id=284882215/sortby=mostrecent/json',
    ]);
    // The same review ids in two storefronts are one review: returned once.
    expect(r.value.mentions).toHaveLength(5);
    expect(Object.keys(r.value.cursor?.streams as object)).toEqual(['284882215:us', '284882215:de']);
    await agent.close();
  });

  it('backfill (--since) re-reads a window older than the cursor', async () => {
    const { agent, clock, deps } = testDeps('appstore');
    mock(agent);
    const c = appstore.create(appstore.options.parse({ apps: ['284882215'], backfillWindow: '1h' }), deps);
    const first = await drive(clock, c.collect({ cursor: null, signal: new AbortController().signal }));
    expect(first.value.mentions).toEqual([]);
    const back = await drive(clock, c.collect({ cursor: first.value.cursor, since: Date.parse('2026-02-01T00:00:00Z'), signal: new AbortController().signal }));
    expect(back.value.mentions.map((m) => m.id)).toContain('10999999990');
    await agent.close();
  });

  it('names the option in validation errors', () => {
    const r = appstore.options.safeParse({ apps: ['acme'], countries: ['usa'] });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['apps.0', 'countries.0']);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { drive, testDeps } from '../search-testkit.ts';
import hackernews from './index.ts';

const fixture = readFileSync(new URL('./fixtures/search_by_date.json', import.meta.url), 'utf8');
const API = 'https://hn.algolia.com';

describe('hackernews client (MockAgent)', () => {
  it('filters the window server-side, maps hits, and the next run asks only for newer ones', async () => {
    const { agent, clock, deps } = testDeps('hn', [{ name: 'Acme' }, { name: 'Globex Corp' }]);
    const asked: URLSearchParams[] = [];
    agent.get(API).intercept({ path: (p) => p.startsWith('/api/v1/search_by_date?') }).reply((req) => {
      const q = new URL(API + req.path).searchParams;
      asked.push(q);
      return { statusCode: 200, data: q.get('query') === 'Acme' ? fixture : JSON.stringify({ hits: [], nbPages: 0, page: 0 }) };
    }).persist();
    const c = hackernews.create(hackernews.options.parse({ backfillWindow: '2d' }), deps);
    const signal = new AbortController().signal;
    const r1 = await drive(clock, c.collect({ cursor: null, signal }));
    expect(asked.map((q) => q.get('query'))).toEqual(['Acme', '"Globex Corp"']);
    const from = Math.floor((clock.now() - 2 * 86_400_000) / 1000);
    expect(asked[0]?.get('numericFilters')).toMatch(new RegExp(`^created_at_i>=${from},created_at_i<=\\d+$`));
    expect(asked[0]?.get('tags')).toBe('(story,comment)');
    expect(r1.value.mentions).toHaveLength(5);
    expect(r1.value.rejects).toHaveLength(2);

    asked.length = 0;
    const r2 = await drive(clock, c.collect({ cursor: r1.value.cursor, signal }));
    // The newest hit of the fixture is 43210007 at 14:16:00; the same hits again are not new.
    expect(asked[0]?.get('numericFilters')).toMatch(/^created_at_i>=1772460960,/);
    expect(r2.value.mentions).toEqual([]);
    await agent.close();
  });

  it('retries a 503 with backoff on the injected clock, and bounds pages per run', async () => {
    const { agent, clock, deps } = testDeps('hn');
    agent.get(API).intercept({ path: (p) => p.startsWith('/api/v1/search_by_date?') }).reply(503, 'busy');
    let calls = 0;
    agent.get(API).intercept({ path: (p) => p.startsWith('/api/v1/search_by_date?') }).reply((req) => {
      calls++;
      const page = Number(new URL(API + req.path).searchParams.get('page'));
      const t = Math.floor(clock.now() / 1000) - 100 - page;
      return { statusCode: 200, data: JSON.stringify({ hits: [{ objectID: String(1000 - page), created_at_i: t, title: 'Acme', _tags: ['story'] }], page, nbPages: 50 }) };
    }).persist();
    const c = hackernews.create(hackernews.options.parse({ maxPagesPerRun: 3 }), deps);
    const r = await drive(clock, c.collect({ cursor: null, signal: new AbortController().signal }));
    expect(calls).toBe(3);
    expect(r.value.mentions.map((m) => m.id)).toEqual(['1000', '999', '998']);
    expect(r.value.cursor).toMatchObject({ streams: { Acme: { resume: { token: expect.stringMatching(/^3:\d+$/) } } } });
    await agent.close();
  });
});

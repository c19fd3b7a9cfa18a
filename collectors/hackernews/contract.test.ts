import { readFileSync } from 'node:fs';
import type { MockAgent } from 'undici';
import { collectorContract } from '../contract.ts';
import hackernews from './index.ts';

const fixture = readFileSync(new URL('./fixtures/search_by_date.json', import.meta.url), 'utf8');

collectorContract({
  definition: hackernews,
  options: { query: 'acme' },
  now: '2026-03-02T18:00:00Z',
  name: 'hn',
  origins: ['https://hn.algolia.com'],
  minMentions: 5,
  bounded: { options: { query: 'acme', maxItemsPerRun: 2 }, maxItems: 2 },
  mock(agent: MockAgent) {
    // Algolia filters by created_at_i server-side; the fake does too, so the cursor's lower bound is exercised.
    const body = JSON.parse(fixture) as { hits: Array<{ created_at_i?: number }> };
    agent
      .get('https://hn.algolia.com')
      .intercept({ path: (p) => p.startsWith('/api/v1/search_by_date?') })
      .reply((req) => {
        const filters = new URL('https://x' + req.path).searchParams.get('numericFilters') ?? '';
        const from = Number(/created_at_i>=(\d+)/.exec(filters)?.[1] ?? 0);
        const hits = body.hits.filter((h) => h.created_at_i === undefined || h.created_at_i >= from);
        return { statusCode: 200, data: JSON.stringify({ ...body, hits }) };
      })
      .persist();
  },
});

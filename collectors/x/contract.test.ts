import { readFileSync } from 'node:fs';
import type { MockAgent } from 'undici';
import { collectorContract } from '../contract.ts';
import x from './index.ts';

const fixture = readFileSync(new URL('./fixtures/search-recent.json', import.meta.url), 'utf8');
const options = { bearerToken: 'tok', query: 'acme' };

collectorContract({
  definition: x,
  options,
  now: '2026-03-02T18:00:00Z',
  name: 'x-main',
  origins: ['https://api.x.com'],
  minMentions: 3,
  bounded: { options: { ...options, maxItemsPerRun: 1 }, maxItems: 1 },
  mock(agent: MockAgent) {
    agent
      .get('https://api.x.com')
      .intercept({ path: (p) => p.startsWith('/2/tweets/search/recent?') })
      .reply((req) => ({ statusCode: 200, data: req.path.includes('next_token=') ? JSON.stringify({ meta: { result_count: 0 } }) : fixture }))
      .persist();
  },
});

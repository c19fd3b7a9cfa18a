import { readFileSync } from 'node:fs';
import type { MockAgent } from 'undici';
import { collectorContract } from '../contract.ts';
import reddit from './index.ts';

const fixture = readFileSync(new URL('./fixtures/search.json', import.meta.url), 'utf8');
const EMPTY = JSON.stringify({ kind: 'Listing', data: { after: null, children: [] } });
const options = { clientId: 'id', clientSecret: 'secret' };

collectorContract({
  definition: reddit,
  options,
  now: '2026-03-02T18:00:00Z',
  brands: [{ name: 'Acme', query: 'acme', languages: [], competitors: [], lexicon: {} }],
  name: 'reddit-main',
  origins: ['https://www.reddit.com', 'https://oauth.reddit.com'],
  minMentions: 7,
  bounded: { options: { ...options, maxItemsPerRun: 3 }, maxItems: 3 },
  mock(agent: MockAgent) {
    agent.get('https://www.reddit.com').intercept({ path: '/api/v1/access_token', method: 'POST' }).reply(200, { access_token: 't', expires_in: 3600 }).persist();
    agent
      .get('https://oauth.reddit.com')
      .intercept({ path: (p) => p.startsWith('/search?') })
      .reply((req) => ({ statusCode: 200, data: req.path.includes('after=') ? EMPTY : fixture }))
      .persist();
  },
});

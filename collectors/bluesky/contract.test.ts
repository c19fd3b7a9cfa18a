import { readFileSync } from 'node:fs';
import type { MockAgent } from 'undici';
import { collectorContract } from '../contract.ts';
import bluesky from './index.ts';

const fixture = readFileSync(new URL('./fixtures/searchPosts.json', import.meta.url), 'utf8');

collectorContract({
  definition: bluesky,
  options: { query: 'acme' },
  now: '2026-03-02T18:00:00Z',
  name: 'bsky',
  origins: ['https://public.api.bsky.app'],
  minMentions: 5,
  bounded: { options: { query: 'acme', maxItemsPerRun: 2 }, maxItems: 2 },
  mock(agent: MockAgent) {
    agent
      .get('https://public.api.bsky.app')
      .intercept({ path: (p) => p.startsWith('/xrpc/app.bsky.feed.searchPosts?') })
      .reply((req) => ({ statusCode: 200, data: req.path.includes('cursor=') ? JSON.stringify({ posts: [] }) : fixture }))
      .persist();
  },
});

import { readFileSync } from 'node:fs';
import type { MockAgent } from 'undici';
import { collectorContract } from '../contract.ts';
import mastodon from './index.ts';

const search = readFileSync(new URL('./fixtures/search.json', import.meta.url), 'utf8');
const tag = readFileSync(new URL('./fixtures/tag-timeline.json', import.meta.url), 'utf8');
const A = 'https://example.social';
const options = { instances: [{ url: A, accessToken: 'tok' }], query: 'acme', hashtags: ['acme'] };

collectorContract({
  definition: mastodon,
  options,
  now: '2026-03-02T18:00:00Z',
  name: 'mastodon-main',
  origins: [A],
  minMentions: 5,
  bounded: { options: { ...options, maxItemsPerRun: 2 }, maxItems: 2 },
  mock(agent: MockAgent) {
    agent.get(A).intercept({ path: (p) => p.startsWith('/api/v2/search?') }).reply(200, search).persist();
    agent.get(A).intercept({ path: (p) => p.startsWith('/api/v1/timelines/tag/acme?') }).reply(200, tag).persist();
  },
});

import { readFileSync } from 'node:fs';
import type { MockAgent } from 'undici';
import { collectorContract } from '../contract.ts';
import youtube from './index.ts';

const search = readFileSync(new URL('./fixtures/search.list.json', import.meta.url), 'utf8');
const threads = readFileSync(new URL('./fixtures/commentThreads.list.json', import.meta.url), 'utf8');
const options = { apiKey: 'key', query: 'acme' };
const API = 'https://www.googleapis.com';

/** The fixtures' first page; a pageToken leads to an empty last page. */
const page = (body: string, path: string) => (path.includes('pageToken=') ? JSON.stringify({ items: [] }) : body);

collectorContract({
  definition: youtube,
  options,
  now: '2026-03-02T18:00:00Z',
  name: 'yt',
  origins: [API],
  minMentions: 4,
  bounded: { options: { ...options, maxItemsPerRun: 1 }, maxItems: 1 },
  mock(agent: MockAgent) {
    agent.get(API).intercept({ path: (p) => p.startsWith('/youtube/v3/search?') }).reply((req) => ({ statusCode: 200, data: page(search, req.path) })).persist();
    agent.get(API).intercept({ path: (p) => p.startsWith('/youtube/v3/commentThreads?') }).reply((req) => ({ statusCode: 200, data: page(threads, req.path) })).persist();
  },
});

import { defineCollector } from '../types.ts';
import { HackernewsCollector } from './client.ts';
import { hackernewsOptions } from './config.ts';

export default defineCollector({
  type: 'hackernews',
  description: 'Hacker News stories and comments matching the query (HN Search API by Algolia, newest first); no auth',
  options: hackernewsOptions,
  create: (options, deps) => new HackernewsCollector(options, deps),
});

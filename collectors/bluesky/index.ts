import { defineCollector } from '../types.ts';
import { BlueskyCollector } from './client.ts';
import { blueskyOptions } from './config.ts';

export default defineCollector({
  type: 'bluesky',
  description: 'Bluesky posts matching the query (app.bsky.feed.searchPosts), anonymous or with an app password session',
  options: blueskyOptions,
  create: (options, deps) => new BlueskyCollector(options, deps),
});

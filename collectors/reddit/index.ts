import { defineCollector } from '../types.ts';
import { RedditCollector } from './client.ts';
import { redditOptions } from './config.ts';

export default defineCollector({
  type: 'reddit',
  description: 'Reddit posts (search, site-wide or in chosen subreddits) and subreddit comments, over OAuth app-only auth',
  options: redditOptions,
  create: (options, deps) => new RedditCollector(options, deps),
});

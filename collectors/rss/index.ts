import { defineCollector } from '../types.ts';
import { RssCollector } from './client.ts';
import { rssOptions } from './config.ts';

export default defineCollector({
  type: 'rss',
  description: 'RSS 2.0 / RSS 1.0 / Atom feeds: news, blogs, Google News and other search feeds',
  options: rssOptions,
  create: (options, deps) => new RssCollector(options, deps),
});

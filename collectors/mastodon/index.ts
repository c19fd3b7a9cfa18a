import { defineCollector } from '../types.ts';
import { MastodonCollector } from './client.ts';
import { mastodonOptions } from './config.ts';

export default defineCollector({
  type: 'mastodon',
  description: 'Public Mastodon posts from one or more instances: status search (with a token) and hashtag timelines',
  options: mastodonOptions,
  create: (options, deps) => new MastodonCollector(options, deps),
});

import { defineCollector } from '../types.ts';
import { YoutubeCollector } from './client.ts';
import { youtubeOptions } from './config.ts';

export default defineCollector({
  type: 'youtube',
  description: 'YouTube videos matching the query and their comment threads (Data API v3, API key, quota-aware)',
  options: youtubeOptions,
  create: (options, deps) => new YoutubeCollector(options, deps),
});

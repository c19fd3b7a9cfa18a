import { defineCollector } from '../types.ts';
import { GoogleplayCollector } from './client.ts';
import { googleplayOptions } from './config.ts';

export default defineCollector({
  type: 'googleplay',
  description: 'Google Play reviews of your own apps (Play Developer API, service account)',
  options: googleplayOptions,
  create: (options, deps) => new GoogleplayCollector(options, deps),
});

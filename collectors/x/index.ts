import { defineCollector } from '../types.ts';
import { XCollector } from './client.ts';
import { xOptions } from './config.ts';

export default defineCollector({
  type: 'x',
  description: 'X / Twitter posts from the last 7 days matching the query (API v2 recent search, bearer token)',
  options: xOptions,
  create: (options, deps) => new XCollector(options, deps),
});

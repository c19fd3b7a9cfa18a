import { defineCollector } from '../types.ts';
import { GenericJsonCollector } from './client.ts';
import { genericJsonOptions } from './config.ts';

export default defineCollector({
  type: 'generic-json',
  description: 'Any JSON HTTP API, mapped to mentions by JSON paths in config (items, fields, next page, since)',
  options: genericJsonOptions,
  create: (options, deps) => new GenericJsonCollector(options, deps),
});

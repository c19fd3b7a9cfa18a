import { defineCollector } from '../types.ts';
import { JsonlImportCollector } from './client.ts';
import { jsonlImportOptions } from './config.ts';

export default defineCollector({
  type: 'jsonl-import',
  description: 'A .jsonl / .jsonl.gz file (or stdin) of interchange mentions, e.g. exports from other tools',
  options: jsonlImportOptions,
  create: (options, deps) => new JsonlImportCollector(options, deps),
});

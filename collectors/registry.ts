import type { CollectorDefinition } from './types.ts';
import demo from './demo/index.ts';
import rss from './rss/index.ts';
import jsonlImport from './jsonl-import/index.ts';

/** Every source type earshot knows: one line per collector. */
export const collectorTypes: Record<string, CollectorDefinition<unknown>> = {
  [demo.type]: demo,
  [rss.type]: rss,
  [jsonlImport.type]: jsonlImport,
};

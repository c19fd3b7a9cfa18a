import { z } from 'zod';
import { backfillWindow, httpOptions, maxItemsPerRun } from '../common.ts';
import { maxPagesPerRun } from '../search-run.ts';

/** `sources[].options` of a `hackernews` source. */
export const hackernewsOptions = httpOptions
  .extend({
    /** Search string (Algolia: all words must match). Default: one search per configured brand name. */
    query: z.string().optional(),
    /** What to read: stories, comments or both. Default both. */
    tags: z.enum(['story', 'comment', 'all']).default('all'),
    /** Hits per page (Algolia allows up to 1000). Default 100. */
    hitsPerPage: z.number().int().min(1).max(1000).default(100),
    /** How far back the first run reads. Default 7d. */
    backfillWindow: backfillWindow(),
    /** Pages read per query per run. Default 10. */
    maxPagesPerRun: maxPagesPerRun(),
    /** Most mentions one run returns over all its searches; the rest come next run. Default 500. */
    maxItemsPerRun: maxItemsPerRun(),
    /** API base. Default https://hn.algolia.com/api/v1. */
    apiUrl: z.string().url().default('https://hn.algolia.com/api/v1'),
  })
  .strict();

export type HackernewsOptions = z.output<typeof hackernewsOptions>;

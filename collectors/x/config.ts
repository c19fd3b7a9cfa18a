import { z } from 'zod';
import { duration } from '../../config/duration.ts';
import { httpOptions, maxItemsPerRun } from '../common.ts';
import { maxPagesPerRun } from '../search-run.ts';

/** `sources[].options` of an `x` source. */
export const xOptions = httpOptions
  .extend({
    /** App-only bearer token, e.g. ${X_BEARER_TOKEN}. Required. */
    bearerToken: z.string().min(1, 'set the X API bearer token, e.g. ${X_BEARER_TOKEN}'),
    /** Search query (X search operators). Default: one search per configured brand name. */
    query: z.string().optional(),
    /** Append `-is:retweet` to queries that do not mention retweets (retweets are skipped anyway; this saves reads). Default true. */
    excludeRetweets: z.boolean().default(true),
    /** How far back the first run reads; recent search reaches at most 7 days. Default 1d. */
    backfillWindow: duration().prefault('1d'),
    /** Tweets per page (10–100). Default 100. */
    maxResults: z.number().int().min(10).max(100).default(100),
    /** Pages read per query per run; every tweet read counts against the monthly post cap. Default 5. */
    maxPagesPerRun: maxPagesPerRun().default(5),
    /** Most mentions one run returns over all its searches; the rest come next run. Default 500. */
    maxItemsPerRun: maxItemsPerRun(),
    /** API base. Default https://api.x.com. */
    apiUrl: z.string().url().default('https://api.x.com'),
  })
  .strict();

export type XOptions = z.output<typeof xOptions>;

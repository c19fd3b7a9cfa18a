import { z } from 'zod';
import { backfillWindow, httpOptions, maxItemsPerRun } from '../common.ts';
import { maxPagesPerRun } from '../search-run.ts';

const instance = z
  .object({
    /** Instance base URL, e.g. https://mastodon.social. */
    url: z.string().url('an instance URL such as https://mastodon.social'),
    /** Access token (read scope), e.g. ${MASTODON_TOKEN}. Optional; most instances only search statuses for logged-in apps. */
    accessToken: z.string().optional(),
  })
  .strict();

/** `sources[].options` of a `mastodon` source. */
export const mastodonOptions = httpOptions
  .extend({
    /** Instances to listen on. Required. */
    instances: z.array(instance).min(1, 'list at least one instance, e.g. [{url: https://mastodon.social}]'),
    /** Full-text search string. Default: one search per configured brand name (needs `accessToken`). */
    query: z.string().optional(),
    /** Hashtags (without #) whose public timelines are read. Default: each brand name as a hashtag (letters and digits only). */
    hashtags: z.array(z.string().regex(/^#?[\p{L}\p{N}_]+$/u, 'a hashtag such as "acme", without spaces')).optional(),
    /** Statuses per page (Mastodon allows 40). Default 40. */
    limit: z.number().int().min(1).max(40).default(40),
    /** How far back the first run reads. Default 7d. */
    backfillWindow: backfillWindow(),
    /** Pages read per search/hashtag and instance per run. Default 10. */
    maxPagesPerRun: maxPagesPerRun(),
    /** Most mentions one run returns over all its searches; the rest come next run. Default 500. */
    maxItemsPerRun: maxItemsPerRun(),
  })
  .strict();

export type MastodonOptions = z.output<typeof mastodonOptions>;

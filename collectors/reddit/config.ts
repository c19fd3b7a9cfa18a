import { z } from 'zod';
import { backfillWindow, httpOptions, maxItemsPerRun } from '../common.ts';
import { maxPagesPerRun } from '../search-run.ts';

/** `sources[].options` of a `reddit` source. */
export const redditOptions = httpOptions
  .extend({
    /** Search string (Reddit search syntax). Default: one search per configured brand name. */
    query: z.string().optional(),
    /** Restrict the search to these subreddits (names without r/), and read their newest comments. Default: all of Reddit, posts only. */
    subreddits: z.array(z.string().regex(/^[A-Za-z0-9_]{2,21}$/, 'a subreddit name such as "de" or "technology", without r/')).default([]),
    /** Also read the newest comments of `subreddits` (all of them: the pipeline's brand match filters). Default true. */
    comments: z.boolean().default(true),
    /** OAuth app client id (a "script" or "web" app at reddit.com/prefs/apps), e.g. ${REDDIT_CLIENT_ID}. Required. */
    clientId: z.string().min(1, 'set the Reddit app client id, e.g. ${REDDIT_CLIENT_ID}'),
    /** OAuth app secret, e.g. ${REDDIT_CLIENT_SECRET}. Required. */
    clientSecret: z.string().min(1, 'set the Reddit app secret, e.g. ${REDDIT_CLIENT_SECRET}'),
    /** How far back the first run reads. Default 7d. */
    backfillWindow: backfillWindow(),
    /** Pages (100 items each) read per search/subreddit per run. Default 10. */
    maxPagesPerRun: maxPagesPerRun(),
    /** Most mentions one run returns over all its searches; the rest come next run. Default 500. */
    maxItemsPerRun: maxItemsPerRun(),
    /** Token endpoint. Default https://www.reddit.com/api/v1/access_token. */
    tokenUrl: z.string().url().default('https://www.reddit.com/api/v1/access_token'),
    /** API base. Default https://oauth.reddit.com. */
    apiUrl: z.string().url().default('https://oauth.reddit.com'),
  })
  .strict();

export type RedditOptions = z.output<typeof redditOptions>;

import { z } from 'zod';
import { duration } from '../../config/duration.ts';
import { backfillWindow, httpOptions, maxItemsPerRun } from '../common.ts';
import { maxPagesPerRun } from '../search-run.ts';

/** `sources[].options` of a `youtube` source. */
export const youtubeOptions = httpOptions
  .extend({
    /** Data API v3 key (Google Cloud console → Credentials), e.g. ${YOUTUBE_API_KEY}. Required. */
    apiKey: z.string().min(1, 'set the YouTube Data API key, e.g. ${YOUTUBE_API_KEY}'),
    /** Search string. Default: one search per configured brand name. */
    query: z.string().optional(),
    /** Prefer videos in this language (ISO 639-1; `relevanceLanguage`). Default: none. */
    relevanceLanguage: z.string().regex(/^[a-z]{2}$/).optional(),
    /** Read the comment threads of the videos found. Default true. */
    comments: z.boolean().default(true),
    /** How long a found video's new comments are read. Default 3d. */
    watchCommentsFor: duration().prefault('3d'),
    /** Most videos whose comments are watched at once (1 quota unit each per run). Default 50. */
    maxWatchedVideos: z.number().int().min(0).max(1000).default(50),
    /** Quota units this source may spend per day (Google's default project quota is 10000; search.list costs 100, commentThreads.list 1). Default 10000. */
    dailyQuota: z.number().int().min(100).default(10_000),
    /** How far back the first run reads. Default 7d. */
    backfillWindow: backfillWindow(),
    /** Pages per search (100 units each) or per video's comments per run. Default 2. */
    maxPagesPerRun: maxPagesPerRun().default(2),
    /** Most mentions one run returns; the rest come next run. Default 500. */
    maxItemsPerRun: maxItemsPerRun(),
    /** API base. Default https://www.googleapis.com/youtube/v3. */
    apiUrl: z.string().url().default('https://www.googleapis.com/youtube/v3'),
  })
  .strict();

export type YoutubeOptions = z.output<typeof youtubeOptions>;

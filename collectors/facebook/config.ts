import { z } from 'zod';
import { duration } from '../../config/duration.ts';
import { backfillWindow, httpOptions, maxItemsPerRun } from '../common.ts';
import { maxPagesPerRun } from '../search-run.ts';

const graphId = (what: string) => z.string().regex(/^\d{1,30}$/, `must be the numeric ${what} id`);

/** `sources[].options` of a `facebook` source (Facebook Page and/or Instagram professional account). */
export const facebookOptions = httpOptions
  .extend({
    /** Page access token (long-lived), e.g. ${FB_PAGE_TOKEN}; also serves the Instagram account linked to the Page. Required. */
    accessToken: z.string().min(1, 'set a Page access token, e.g. ${FB_PAGE_TOKEN}'),
    /** Facebook Page id. Default none (Instagram only). */
    pageId: graphId('Facebook Page').optional(),
    /** Instagram professional account id (the IG user linked to the Page). Default none (Facebook only). */
    instagramUserId: graphId('Instagram user').optional(),
    /** Read comments on the Page's posts. Default true. */
    pageComments: z.boolean().default(true),
    /** Read posts that tag or mention the Page (`/{page-id}/tagged`). Default true. */
    pageTagged: z.boolean().default(true),
    /** Read comments on the Instagram account's media. Default true. */
    instagramComments: z.boolean().default(true),
    /** Read media the Instagram account is tagged in (`/{ig-user-id}/tags`). Default true. */
    instagramTags: z.boolean().default(true),
    /** Comments are read on posts/media published this far back. Default 7d. */
    postsWindow: duration().prefault('7d'),
    /** How far back the first run reads. Default 7d. */
    backfillWindow: backfillWindow(),
    /** Pages per stream per run. Default 5. */
    maxPagesPerRun: maxPagesPerRun().default(5),
    /** Most mentions one run returns. Default 500. */
    maxItemsPerRun: maxItemsPerRun(),
    /** Wait after a Graph rate-limit error (codes 4/17/32/613) when the headers give no time. Default 60s. */
    rateLimitWait: duration().prefault('60s'),
    /** Usage percentage (x-app-usage / x-business-use-case-usage) from which requests slow down. Default 90. */
    usageThreshold: z.number().min(1).max(100).default(90),
    /** Wait before each request while usage is at or above usageThreshold. Default 30s. */
    usageCooldown: duration().prefault('30s'),
    /** Graph API version. Default v21.0. */
    graphVersion: z.string().regex(/^v\d+\.\d+$/, 'e.g. v21.0').default('v21.0'),
    /** Graph API base. Default https://graph.facebook.com. */
    apiUrl: z.string().url().default('https://graph.facebook.com'),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (!o.pageId && !o.instagramUserId) ctx.addIssue({ code: 'custom', path: ['pageId'], message: 'set pageId and/or instagramUserId' });
  });

export type FacebookOptions = z.output<typeof facebookOptions>;

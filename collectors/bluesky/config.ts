import { z } from 'zod';
import { backfillWindow, httpOptions, maxItemsPerRun } from '../common.ts';
import { maxPagesPerRun } from '../search-run.ts';

/** `sources[].options` of a `bluesky` source. */
export const blueskyOptions = httpOptions
  .extend({
    /** Search string (Lucene-like syntax). Default: one search per configured brand name. */
    query: z.string().optional(),
    /** Account handle or DID for an app-password session, e.g. ${BSKY_HANDLE}. Optional: without it the public AppView is used. */
    identifier: z.string().optional(),
    /** App password (Settings → App passwords), e.g. ${BSKY_APP_PASSWORD}. Required with `identifier`. */
    appPassword: z.string().optional(),
    /** PDS that creates the session and proxies the search. Default https://bsky.social. */
    service: z.string().url().default('https://bsky.social'),
    /** Public AppView used without a session. Default https://public.api.bsky.app. */
    publicApiUrl: z.string().url().default('https://public.api.bsky.app'),
    /** Only posts in this language (ISO 639-1). Default: all. */
    lang: z.string().regex(/^[a-z]{2}$/).optional(),
    /** Posts per page (max 100). Default 100. */
    limit: z.number().int().min(1).max(100).default(100),
    /** How far back the first run reads. Default 7d. */
    backfillWindow: backfillWindow(),
    /** Pages read per query per run. Default 10. */
    maxPagesPerRun: maxPagesPerRun(),
    /** Most mentions one run returns over all its searches; the rest come next run. Default 500. */
    maxItemsPerRun: maxItemsPerRun(),
  })
  .strict()
  .refine((o) => Boolean(o.identifier) === Boolean(o.appPassword), {
    message: 'set both identifier and appPassword (an app password session), or neither (public AppView)',
    path: ['appPassword'],
  });

export type BlueskyOptions = z.output<typeof blueskyOptions>;

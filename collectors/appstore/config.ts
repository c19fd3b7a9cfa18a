import { z } from 'zod';
import { duration } from '../../config/duration.ts';
import { httpOptions, maxItemsPerRun } from '../common.ts';

/** `sources[].options` of an `appstore` source. */
export const appstoreOptions = httpOptions
  .extend({
    /** Numeric App Store ids (the `id…` in apps.apple.com/…/id123456789). Required. */
    apps: z
      .array(z.union([z.string(), z.number()]).transform(String).pipe(z.string().regex(/^\d{1,15}$/, 'must be the numeric App Store id, e.g. 284882215')))
      .min(1, 'list at least one App Store app id'),
    /** Storefront countries (ISO 3166-1 alpha-2, lower case). Default ["us"]. */
    countries: z
      .array(z.string().regex(/^[a-z]{2}$/i, 'must be a two-letter country code, e.g. us, de').transform((c) => c.toLowerCase()))
      .min(1)
      .default(['us']),
    /** How far back the first run reads (the feed holds at most 500 reviews per app and country). Default 30d. */
    backfillWindow: duration().prefault('30d'),
    /** Feed pages read per app and country per run (the feed has 10 pages of up to 50). Default 10. */
    maxPagesPerRun: z.number().int().min(1).max(10).default(10),
    /** Most reviews one run returns over all apps and countries; the rest come next run. Default 500. */
    maxItemsPerRun: maxItemsPerRun(),
    /** Feed base. Default https://itunes.apple.com. */
    apiUrl: z.string().url().default('https://itunes.apple.com'),
  })
  .strict();

export type AppstoreOptions = z.output<typeof appstoreOptions>;

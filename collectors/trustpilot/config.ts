import { z } from 'zod';
import { httpOptions, backfillWindow, maxItemsPerRun } from '../common.ts';
import { maxPagesPerRun } from '../search-run.ts';

/** `sources[].options` of a `trustpilot` source. */
export const trustpilotOptions = httpOptions
  .extend({
    /** Trustpilot API key, e.g. ${TRUSTPILOT_API_KEY}. Required. */
    apiKey: z.string().min(1, 'set the Trustpilot API key, e.g. ${TRUSTPILOT_API_KEY}'),
    /** Business unit ids (24 hex characters; find one with /v1/business-units/find?name=acme.com). Required. */
    businessUnits: z.array(z.string().regex(/^[a-f0-9]{24}$/i, 'must be a Trustpilot business unit id (24 hex characters)')).min(1, 'list at least one business unit id'),
    /** Only reviews in these languages (ISO 639-1); empty = all. Default []. */
    languages: z.array(z.string().regex(/^[a-z]{2}$/i, 'must be a two-letter language code')).default([]),
    /** Reviews per page (1–100). Default 100. */
    perPage: z.number().int().min(1).max(100).default(100),
    /** Pages per business unit per run. Default 10. */
    maxPagesPerRun: maxPagesPerRun(),
    /** How far back the first run reads. Default 7d. */
    backfillWindow: backfillWindow(),
    /** Most reviews one run returns over all business units. Default 500. */
    maxItemsPerRun: maxItemsPerRun(),
    /** API base. Default https://api.trustpilot.com. */
    apiUrl: z.string().url().default('https://api.trustpilot.com'),
  })
  .strict();

export type TrustpilotOptions = z.output<typeof trustpilotOptions>;

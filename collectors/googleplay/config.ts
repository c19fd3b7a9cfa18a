import { z } from 'zod';
import { duration } from '../../config/duration.ts';
import { httpOptions, maxItemsPerRun } from '../common.ts';
import { maxPagesPerRun } from '../search-run.ts';

/** The fields of a Google service-account JSON key this collector uses. */
export interface ServiceAccount {
  clientEmail: string;
  privateKey: string;
  tokenUri: string;
}

const serviceAccount = z.string().transform((raw, ctx): ServiceAccount => {
  let key: Record<string, unknown>;
  try {
    key = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be the service account JSON key (the whole file), e.g. ${GOOGLE_PLAY_SERVICE_ACCOUNT}' });
    return z.NEVER;
  }
  const email = key?.client_email;
  const pk = key?.private_key;
  if (typeof email !== 'string' || typeof pk !== 'string' || !pk.includes('PRIVATE KEY')) {
    ctx.addIssue({ code: 'custom', message: 'the service account JSON key needs client_email and private_key; download a new key in Google Cloud → IAM → Service accounts' });
    return z.NEVER;
  }
  // Keys pasted into env files often carry literal "\n".
  return { clientEmail: email, privateKey: pk.replace(/\\n/g, '\n'), tokenUri: typeof key.token_uri === 'string' ? key.token_uri : 'https://oauth2.googleapis.com/token' };
});

/** `sources[].options` of a `googleplay` source. */
export const googleplayOptions = httpOptions
  .extend({
    /** The service account JSON key (whole file content), e.g. ${GOOGLE_PLAY_SERVICE_ACCOUNT}; the account needs "View app information" in Play Console. Required. */
    serviceAccount,
    /** Package names of your own apps, e.g. com.acme.app. Required. */
    packageNames: z.array(z.string().regex(/^[a-zA-Z][\w]*(\.[a-zA-Z][\w]*)+$/, 'must be an Android package name, e.g. com.acme.app')).min(1, 'list at least one package name'),
    /** How far back the first run reads; the API returns only reviews of the last 7 days. Default 7d. */
    backfillWindow: duration().prefault('7d'),
    /** Reviews per page (the API allows up to 100). Default 100. */
    maxResults: z.number().int().min(1).max(100).default(100),
    /** Pages per app per run. Default 10. */
    maxPagesPerRun: maxPagesPerRun(),
    /** Most reviews one run returns over all apps. Default 500. */
    maxItemsPerRun: maxItemsPerRun(),
    /** Requests per minute; the reviews API allows 200 GET requests per hour per app. Default 3. */
    requestsPerMinute: z.number().positive().max(100_000).default(3),
    /** API base. Default https://androidpublisher.googleapis.com. */
    apiUrl: z.string().url().default('https://androidpublisher.googleapis.com'),
  })
  .strict();

export type GoogleplayOptions = z.output<typeof googleplayOptions>;

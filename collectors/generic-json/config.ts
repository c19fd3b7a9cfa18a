import { z } from 'zod';
import { backfillWindow, httpOptions, maxItemsPerRun } from '../common.ts';
import { maxPagesPerRun } from '../search-run.ts';
import { parsePath, type PathStep } from './path.ts';

/** A JSON path option, parsed at config time so a typo fails `earshot config check`, naming the key. */
const jsonPath = () =>
  z.string().transform((s, ctx): PathStep[] => {
    try {
      return parsePath(s);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
      return z.NEVER;
    }
  });
const timeFormat = z.enum(['auto', 'iso', 'unix', 'unixMs']);

/** `sources[].options` of a `generic-json` source. */
export const genericJsonOptions = httpOptions
  .extend({
    /** The API endpoint (http or https). Required. */
    url: z.string().url().refine((u) => /^https?:/i.test(u), 'must be an http(s) URL'),
    /** HTTP method. Default GET. */
    method: z.enum(['GET', 'POST']).default('GET'),
    /** Extra request headers; put tokens here as ${ENV}, e.g. {authorization: "Bearer ${PARTNER_TOKEN}"}. Default {}. */
    headers: z.record(z.string(), z.string()).default({}),
    /** Extra query parameters, e.g. {api_key: "${PARTNER_KEY}", sort: newest}. Default {}. */
    query: z.record(z.string(), z.string()).default({}),
    /** Request body for POST (sent as JSON text). Default none. */
    body: z.string().optional(),
    /** Path to the array of items in the response; "" or "$" = the response is the array. Required. */
    items: jsonPath(),
    /** Where each Mention field is in an item (JSON paths). `id`, `text`, `publishedAt` required. */
    fields: z
      .object({
        id: jsonPath(),
        text: jsonPath(),
        publishedAt: jsonPath(),
        title: jsonPath().optional(),
        url: jsonPath().optional(),
        language: jsonPath().optional(),
        rating: jsonPath().optional(),
        'author.id': jsonPath().optional(),
        'author.name': jsonPath().optional(),
        'author.followers': jsonPath().optional(),
        'author.url': jsonPath().optional(),
        parentId: jsonPath().optional(),
      })
      .strict(),
    /** How `publishedAt` is written: auto (ISO text, or Unix seconds/ms by size), iso, unix, unixMs. Default auto. */
    publishedFormat: timeFormat.default('auto'),
    /** Cursor paging: the next cursor's path in the response and the query parameter to send it in. */
    nextPage: z.object({ cursorPath: jsonPath(), param: z.string().min(1) }).strict().optional(),
    /** Link paging: the path of the next page's URL in the response (alternative to nextPage). */
    nextUrlPath: jsonPath().optional(),
    /** Server-side time filter: the query parameter that takes "only items after", and its format. */
    since: z.object({ param: z.string().min(1), format: z.enum(['iso', 'unix', 'unixMs']).default('iso') }).strict().optional(),
    /** Item order of the API: newest-first (stops paging at the cursor) or oldest-first. Default newest-first. */
    order: z.enum(['newest-first', 'oldest-first']).default('newest-first'),
    /** Pages read per run. Default 10. */
    maxPagesPerRun: maxPagesPerRun(),
    /** How far back the first run reads. Default 7d. */
    backfillWindow: backfillWindow(),
    /** Most mentions one run returns. Default 500. */
    maxItemsPerRun: maxItemsPerRun(),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.nextPage && o.nextUrlPath) ctx.addIssue({ code: 'custom', path: ['nextUrlPath'], message: 'use either nextPage or nextUrlPath, not both' });
    if (o.body !== undefined && o.method !== 'POST') ctx.addIssue({ code: 'custom', path: ['body'], message: 'a body needs method: POST' });
  });

export type GenericJsonOptions = z.output<typeof genericJsonOptions>;
export type FieldPaths = GenericJsonOptions['fields'];

import { z } from 'zod';
import { backfillWindow, httpOptions, maxItemsPerRun } from '../common.ts';

/** `sources[].options` of an `rss` source. */
export const rssOptions = httpOptions.extend({
  /** Feed URLs (RSS 2.0, RSS 1.0/RDF or Atom), e.g. Google News search feeds. Required. */
  urls: z
    .array(
      z.string().refine((u) => {
        try {
          return ['http:', 'https:'].includes(new URL(u).protocol);
        } catch {
          return false;
        }
      }, 'must be an http(s) URL, e.g. https://news.google.com/rss/search?q=acme'),
    )
    .min(1, 'list at least one feed URL'),
  /** How far back the first run reads. Default 7d. */
  backfillWindow: backfillWindow(),
  /** Most items returned per run over all feeds; the rest come next run. Default 500. */
  maxItemsPerRun: maxItemsPerRun(),
  /** Item ids remembered per feed so nothing is returned twice. Default 2000. */
  maxSeenPerFeed: z.number().int().min(10).max(100_000).default(2000),
}).strict();

export type RssOptions = z.output<typeof rssOptions>;
